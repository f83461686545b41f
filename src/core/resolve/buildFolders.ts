/** Output folders that may stand for `src`, or be absent from the workspace path. */
const BUILD_FOLDERS = new Set([
  'dist',
  'build',
  'out',
  'lib',
  'esm',
  'cjs',
  'es',
  'umd',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.build',
  '_build',
  'compiled',
  'target',
  'bin',
  'obj',
]);
/** Folders that are output only directly under `.next`. */
const NEXT_SUBFOLDERS = new Set(['server', 'static', 'chunks', 'pages', 'app']);

/**
 * Whether a lower-cased path segment is a build-output folder: one of the usual output names, or
 * a Next.js output folder directly under `.next` (`previous` is the lower-cased segment before it).
 */
export function isBuildFolder(lower: string, previous: string): boolean {
  return BUILD_FOLDERS.has(lower) || (previous === '.next' && NEXT_SUBFOLDERS.has(lower));
}
