/**
 * Turns a path or URL reported by production into plain path segments that can be matched against
 * the workspace. Production data is untrusted: everything here is linear in the input length, and
 * anything that cannot be workspace code (dependencies, runtime internals, eval) is rejected.
 */

/** A production path reduced to its segments. */
export interface NormalizedPath {
  /** Non-empty, no `.`/`..`, original case; the last one is the file name. */
  segments: string[];
  /** True when production reported an absolute path (`/app/…`, `C:\…`, `file:///…`). */
  absolute: boolean;
}

/** Longer paths are not real source paths; refusing them bounds all later work. */
export const MAX_FRAME_PATH_LENGTH = 4096;

/** Folders that only ever hold third-party code. */
const FOREIGN_SEGMENTS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'site-packages',
  'dist-packages',
]);
/** Their shortest and longest names (ASCII: lower-casing keeps the length): others need no lower-casing. */
const FOREIGN_MIN = Math.min(...[...FOREIGN_SEGMENTS].map((s) => s.length));
const FOREIGN_MAX = Math.max(...[...FOREIGN_SEGMENTS].map((s) => s.length));

/** `[project]` is Turbopack's root marker; `(rsc)`-style segments are Next.js webpack layers. */
function isBundlerMarker(segment: string, index: number): boolean {
  if (index !== 0) return false;
  if (segment === '[project]') return true;
  return segment.length > 2 && segment.startsWith('(') && segment.endsWith(')');
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Index just past `scheme://`, or -1 when the text does not start with a URL scheme. */
function schemeEnd(text: string): number {
  const colon = text.indexOf('://');
  if (colon < 2 || colon > 40) return -1; // one letter before ':' is a Windows drive
  for (let i = 0; i < colon; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    const other = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // digit + - .
    if (!letter && !(i > 0 && other)) return -1;
  }
  return colon + 3;
}

/** Removes the scheme (and webpack namespace / URL host); returns the path and whether it is absolute. */
function stripScheme(text: string): { rest: string; absolute: boolean } | null {
  const end = schemeEnd(text);
  if (end < 0) return { rest: text, absolute: text.startsWith('/') || text.startsWith('\\') };
  const scheme = text.slice(0, end - 3).toLowerCase();
  const rest = text.slice(end);
  if (scheme === 'file') {
    // file:///abs, file:///C:/x, file://host/abs
    const path = rest.startsWith('/') ? rest : rest.slice(Math.max(0, rest.indexOf('/')));
    return { rest: safeDecode(path), absolute: true };
  }
  if (scheme === 'data' || scheme === 'blob') return null;
  if (scheme === 'http' || scheme === 'https') {
    const slash = rest.indexOf('/');
    return { rest: slash < 0 ? '' : safeDecode(rest.slice(slash)), absolute: false };
  }
  // webpack://, webpack-internal://, app://, turbopack://, …: `scheme:///path` or `scheme://namespace/path`.
  if (rest.startsWith('/')) return { rest, absolute: false };
  const slash = rest.indexOf('/');
  return { rest: slash < 0 ? '' : rest.slice(slash), absolute: false };
}

function isDriveLetter(text: string, at = 0): boolean {
  if (text.length < at + 2 || text.charCodeAt(at + 1) !== 58) return false;
  const c = text.charCodeAt(at) | 0x20;
  const next = text.charCodeAt(at + 2); // NaN past the end
  return c >= 97 && c <= 122 && (text.length === at + 2 || next === 47 || next === 92);
}

function isRuntimeInternal(text: string): boolean {
  if (text === 'native' || text === '[internal]' || text.startsWith('node:') || text.startsWith('<')) return true;
  if (text.startsWith('data:') || text.startsWith('blob:') || text.startsWith('javascript:')) return true;
  if (text.includes('<anonymous>') || text.includes('[eval]') || text.includes('[native code]')) return true;
  // Old Node versions print core modules as `internal/…js`; Go and others use absolute paths.
  return text.startsWith('internal/') && /\.[cm]?js$/.test(text);
}

/**
 * Normalizes a frame path: strips schemes and webpack namespaces, query and hash, `~/`,
 * `/proc/self/cwd`, Windows drive letters and backslashes, and `.`/`..` segments.
 * Returns null for frames that cannot be workspace code (node_modules, `node:`, `internal/`,
 * `<anonymous>`, `native`, `[eval]`, site/dist-packages, `<frozen …>`) and for empty, NUL-containing
 * or absurdly long (> 4096 chars) input.
 */
export function normalizeFramePath(input: unknown): NormalizedPath | null {
  return normalize(input, false);
}

/** Folders that hold installed Python packages: what follows is the package's own path. */
const INSTALLED_PACKAGE_SEGMENTS = new Set(['site-packages', 'dist-packages']);

/**
 * The path of a file inside an installed Python package (`…/site-packages/myapp/orders/utils.py`
 * → `myapp/orders/utils.py`), for services that install their own package into a virtualenv or
 * image: the repository may hold that package (`src/myapp/…`). Null for any other path, for a
 * bare module file (`six.py`: too little to tell it from a dependency), and for anything
 * {@link normalizeFramePath} rejects for another reason.
 */
export function installedPackagePath(input: unknown): string[] | null {
  const norm = normalize(input, true);
  if (!norm) return null;
  let last = -1;
  norm.segments.forEach((s, i) => {
    if (INSTALLED_PACKAGE_SEGMENTS.has(s.toLowerCase())) last = i;
  });
  if (last < 0) return null;
  const rest = norm.segments.slice(last + 1);
  if (rest.length < 2 || rest.some((s) => FOREIGN_SEGMENTS.has(s.toLowerCase()))) return null;
  return rest;
}

function normalize(input: unknown, keepInstalled: boolean): NormalizedPath | null {
  if (typeof input !== 'string' || input.length > MAX_FRAME_PATH_LENGTH || input.includes('\0')) return null;
  let text = input.trim();
  if (text === '' || isRuntimeInternal(text)) return null;

  const stripped = stripScheme(text);
  if (!stripped) return null;
  text = stripped.rest;
  let absolute = stripped.absolute;

  const query = text.indexOf('?');
  const hash = text.indexOf('#');
  const cut = query < 0 ? hash : hash < 0 ? query : Math.min(query, hash);
  if (cut >= 0) text = text.slice(0, cut);
  if (text.startsWith('/') && isDriveLetter(text, 1)) text = text.slice(1); // file:///C:/x
  if (isDriveLetter(text)) {
    text = text.slice(2);
    absolute = true;
  }
  if (text.includes('\\')) text = text.replace(/\\/g, '/');
  if (text.startsWith('~/')) text = text.slice(1); // Sentry's "URL path root"
  if (text.startsWith('/proc/self/cwd/')) {
    // Bazel and containers report paths relative to the process working directory this way.
    text = text.slice('/proc/self/cwd/'.length);
    absolute = false;
  }
  if (isRuntimeInternal(text)) return null;

  const segments: string[] = [];
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      segments.pop(); // `..` above the start is dropped: production paths are not anchored here
      continue;
    }
    if (part.length >= FOREIGN_MIN && part.length <= FOREIGN_MAX) {
      const lower = part.toLowerCase();
      if (FOREIGN_SEGMENTS.has(lower) && !(keepInstalled && INSTALLED_PACKAGE_SEGMENTS.has(lower))) return null;
    }
    if (segments.length === 0 && isBundlerMarker(part, 0)) continue;
    segments.push(part);
  }
  if (segments.length === 0) return null;
  return { segments, absolute };
}

/** Splits a trusted, user-given path (a `--map` side) into segments; `.` and `/` give `[]`. */
export function splitUserPath(path: string): string[] {
  const segments: string[] = [];
  let text = path.replace(/\\/g, '/');
  if (isDriveLetter(text)) text = text.slice(2);
  for (const part of text.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(part);
  }
  return segments;
}
