/** Moves tracked 0-based line numbers through one text edit, so decorations follow typing. */
export interface LineEdit {
  startLine: number;
  endLine: number;
  /** Lines in the inserted text minus one (its newline count). */
  insertedNewlines: number;
}

/** The line's new number, or null when the edit removed it. */
export function shiftLine(line: number, edit: LineEdit): number | null {
  const removed = edit.endLine - edit.startLine;
  const delta = edit.insertedNewlines - removed;
  if (line < edit.startLine) return line;
  if (line > edit.endLine) return line + delta;
  if (line === edit.startLine) return line;
  // Inside a multi-line replacement: it survives only if the new text still spans it.
  return line - edit.startLine <= edit.insertedNewlines ? line : null;
}

export function newlineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
