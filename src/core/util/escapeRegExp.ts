/** `text` as a literal inside a RegExp source. */
export function escapeRegExp(text: string): string {
  return text.replace(/[$.*+?()[\]{}|^\\]/g, '\\$&');
}
