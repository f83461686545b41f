/** Pure helpers that relate release names (`orders-api@1.5.0+build.7`) to git tag names. */

/** A release name split into its package and version parts, when it has them. */
export interface ParsedRelease {
  /** The name as given, trimmed. */
  raw: string;
  /** Package part (`orders-api` in `orders-api@1.5.0` / `orders-api-v1.5.0`), if any. */
  pkg: string | null;
  /** Version without a leading `v` and without `+build` metadata, if any. */
  version: string | null;
  /** Hex part when the release is (or ends in) a commit SHA, e.g. `abc1234` or `orders-api@abc1234`. */
  sha: string | null;
}

const VERSION = /^v?(\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?)(?:\+[0-9A-Za-z.-]*)?$/;
const HEX = /^[0-9a-f]{7,64}$/i;
const SAFE_GLOB_PART = /^[A-Za-z0-9._/-]+$/;

/** Splits a release name. Bounded work: names over 256 characters are not parsed. */
export function parseRelease(name: string): ParsedRelease {
  const raw = typeof name === 'string' ? name.trim() : '';
  const out: ParsedRelease = { raw, pkg: null, version: null, sha: null };
  if (raw.length === 0 || raw.length > 256) return out;
  const at = raw.lastIndexOf('@');
  // `@scope/pkg@1.0.0`: the version follows the last `@`, and an `@` at index 0 is part of the scope.
  const [pkg, rest] = at > 0 ? [raw.slice(0, at), raw.slice(at + 1)] : [null, raw];
  let m = VERSION.exec(rest);
  if (m) return { ...out, pkg, version: m[1] };
  if (HEX.test(rest)) return { ...out, pkg, sha: rest.toLowerCase() };
  // `orders-api-v1.5.0`, `orders-api-1.5.0`, `orders-api/v1.5.0`
  m = /^(.+?)[-/](v?\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]*)?)$/.exec(raw);
  if (m && !/^\d/.test(m[1])) {
    const v = VERSION.exec(m[2]);
    if (v) return { ...out, pkg: m[1], version: v[1] };
  }
  return out;
}

/** Tag names a release could have been tagged with, most specific first, without duplicates. */
export function candidateTags(release: ParsedRelease): string[] {
  const c: string[] = [];
  if (release.raw) c.push(release.raw, release.raw.replace(/\+[0-9A-Za-z.-]*$/, ''));
  const v = release.version;
  if (v) {
    if (release.pkg) {
      const p = release.pkg;
      c.push(`${p}@${v}`, `${p}@v${v}`, `${p}-v${v}`, `${p}-${v}`, `${p}/v${v}`, `${p}/${v}`);
    }
    c.push(`v${v}`, v);
  }
  return [...new Set(c.filter((t) => t.length > 0))];
}

/**
 * True when a tag looks like a version or deploy tag (`v1.2.3`, `1.2`, `api@1.2.3`, `api-v1.2.3`, `deploy-…`,
 * `release-…`).
 */
export function isVersionLikeTag(tag: string): boolean {
  if (typeof tag !== 'string' || tag.length > 256) return false;
  return parseRelease(tag).version !== null || /^(deploy|release|prod|production)[-/_]/i.test(tag);
}

/** `git describe --match` globs for earlier tags of the same package, or [] when the name is unsafe as a glob. */
export function packageTagGlobs(pkg: string | null): string[] {
  if (!pkg || !SAFE_GLOB_PART.test(pkg.replace(/^@/, ''))) return [];
  return [`${pkg}@*`, `${pkg}-v[0-9]*`, `${pkg}-[0-9]*`, `${pkg}/*`];
}

/** Globs for version/deploy-looking tags in general. */
export const VERSION_TAG_GLOBS: readonly string[] = [
  'v[0-9]*',
  '[0-9]*',
  '*@[0-9]*',
  '*@v[0-9]*',
  '*-v[0-9]*',
  'deploy-*',
  'deploy/*',
  'release-*',
  'release/*',
];
