/** Line-text shapes the evidence mechanisms compare by: one home for each. */

/** A line without its whitespace: a reformat or re-indent compares equal. */
export function squash(line: string): string {
  return line.replace(/\s+/g, '');
}

/** A line (its first 1,000 characters) with every string literal emptied: quoted text is no code. */
export function stripStrings(line: string): string {
  return line.slice(0, 1000).replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""'); // bound: characters of a line read
}
