/**
 * Code file extensions, grouped by the language family a production frame can be compiled from:
 * a `.js` frame may come from a `.ts` file, never from a `.py` one.
 */
const FAMILIES: Record<string, string> = {};
for (const [family, exts] of Object.entries({
  js: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'vue', 'svelte', 'coffee', 'es6'],
  python: ['py', 'pyw', 'pyx'],
  jvm: ['java', 'kt', 'kts', 'scala', 'groovy', 'clj'],
  go: ['go'],
  ruby: ['rb', 'erb', 'rake'],
  dotnet: ['cs', 'fs', 'vb'],
  php: ['php'],
})) {
  for (const ext of exts) FAMILIES[ext] = family;
}

/** Languages whose frames name a bare file and give the package in `module`. */
export const JVM_EXTENSIONS = new Set(['java', 'kt', 'kts', 'scala', 'groovy']);

/** The language family of a lower-case extension, or null when it is not a code extension. */
export function codeFamily(ext: string | null): string | null {
  return ext !== null && Object.prototype.hasOwnProperty.call(FAMILIES, ext) ? FAMILIES[ext] : null;
}

/** Splits a lower-cased file name into the index key (code extension dropped) and that extension. */
export function stemOf(lowerName: string): { stem: string; ext: string | null } {
  const dot = lowerName.lastIndexOf('.');
  if (dot <= 0) return { stem: lowerName, ext: null };
  const ext = lowerName.slice(dot + 1);
  if (codeFamily(ext) === null) return { stem: lowerName, ext: null };
  return { stem: lowerName.slice(0, dot), ext };
}
