/**
 * The lines of git's output, without their `\n` or `\r\n` ending, and no empty line after a final
 * newline. Slices one line at a time, so a parser over a large blame never holds a split array.
 */
export function* outputLines(text: string): Generator<string> {
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}
