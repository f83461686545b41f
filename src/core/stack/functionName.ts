/** Names a frame's function cannot be searched by: the runtime's placeholders for unnamed code. */
const UNNAMED = new Set(['anonymous', 'lambda']);

/**
 * The last identifier of a frame's function name, or null when the last part is no identifier:
 * `Object.applyDiscount [as x]` → `applyDiscount`, `main.(*Service).Handle` → `Handle`,
 * `Object.<anonymous>` → null.
 */
export function functionBaseName(fn: string | null): string | null {
  if (!fn) return null;
  const cleaned = fn
    .replace(/\s*\[as [^\]]*\]/, '')
    .replace(/\([^()]*\)\s*$/, '')
    .replace(/^async\s+|^new\s+/, '')
    .replace(/[()*&]/g, '.');
  const last = cleaned
    .split(/[.#:/\\$]+|->/)
    .filter((p) => p !== '')
    .pop();
  return last && /^[A-Za-z_]\w*$/.test(last) && !UNNAMED.has(last) ? last : null;
}
