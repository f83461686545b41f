import { confineRevisionPath, realRoot } from './confine';
import { installedPackagePath, normalizeFramePath, splitUserPath } from './framePath';
import { isBareJvmFile, jvmSuffix, pythonSuffixes } from './moduleFrames';
import { StemIndex } from './pathIndex';
import type {
  FrameResolution,
  FrameResolver,
  FrameResolverOptions,
  LearnedPrefix,
  ResolutionVia,
} from './resolve.types';

/**
 * Maps production frames onto workspace files. Order: user mappings (longest production prefix
 * first), the prefix rewrite learned from this trace, an exact repo-relative or in-root absolute
 * path, then the stem index (built once: a glob per frame would walk the tree for every frame).
 */

interface Rewrite {
  prod: string[];
  local: string[];
  /** `local.join('/')`. */
  localJoined: string;
  label: string;
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > segments.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (segments[i] !== prefix[i] && segments[i].toLowerCase() !== prefix[i].toLowerCase()) return false;
  }
  return true;
}

function mappingRewrites(options: FrameResolverOptions): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const m of options.mappings ?? []) {
    if (!m || typeof m.prod !== 'string' || typeof m.local !== 'string') continue;
    const prod = normalizeFramePath(m.prod)?.segments ?? [];
    const local = splitUserPath(m.local);
    rewrites.push({ prod, local, localJoined: local.join('/'), label: `${m.prod}=${m.local}` });
  }
  return rewrites.sort((a, b) => b.prod.length - a.prod.length);
}

/** The absolute production prefixes the mappings name (a relative one says nothing of the deployed layout). */
function mappedPrefixes(options: FrameResolverOptions): string[][] {
  const prefixes: string[][] = [];
  for (const m of options.mappings ?? []) {
    const prod = typeof m?.prod === 'string' && typeof m.local === 'string' ? normalizeFramePath(m.prod) : null;
    if (prod?.absolute) prefixes.push(prod.segments);
  }
  return prefixes;
}

/**
 * Creates the resolver for one trace. Pass `index` to reuse a {@link StemIndex} built once for the
 * workspace (then `files` is ignored). Every returned file is confined to `root` (see `confineRevisionPath`).
 */
export function createFrameResolver(options: FrameResolverOptions & { index?: StemIndex }): FrameResolver {
  const index = options.index ?? StemIndex.build(options.files ?? []);
  const root = options.root;
  const rewrites = mappingRewrites(options);
  const prefixes = mappedPrefixes(options);
  const deployed = options.deployed ?? null;
  /** A path of today's tree, or of the deployed one: production ran the deployed tree's files. */
  const exists = (path: string): boolean => index.has(path) || deployed?.has(path) === true;
  const rootForms = [splitUserPath(root)];
  const real = realRoot(root);
  if (real !== null && real !== root) rootForms.push(splitUserPath(real));
  const confined = new Map<string, string | null>();
  let learned: LearnedPrefix | null = null;
  let learnedLocalJoined = '';

  function confine(file: string): string | null {
    let result = confined.get(file);
    if (result === undefined) {
      // Index paths come from git: the deployed file may be renamed or deleted on disk since.
      result = confineRevisionPath(root, file);
      confined.set(file, result);
    }
    return result;
  }

  function found(file: string, via: ResolutionVia, reason?: string): FrameResolution {
    const safe = confine(file);
    if (safe === null)
      return { file: null, candidates: [], via: 'none', reason: `${file} is missing or leads outside the workspace` };
    return reason === undefined ? { file: safe, candidates: [], via } : { file: safe, candidates: [], via, reason };
  }

  const preferred = typeof options.preferUnder === 'string' ? splitUserPath(options.preferUnder).join('/') : '';

  function ambiguous(candidates: string[]): FrameResolution {
    const safe = candidates.map(confine).filter((c): c is string => c !== null);
    if (preferred) {
      const inside = safe.filter((c) => c.startsWith(`${preferred}/`));
      if (inside.length === 1)
        return { file: inside[0], candidates: [], via: 'suffix', reason: `the only match under ${preferred}` };
    }
    return {
      file: null,
      candidates: safe,
      via: 'none',
      reason: `ambiguous: ${safe.length} workspace files match equally well`,
    };
  }

  /**
   * Applies a prefix rewrite; the result must match a workspace file completely. `localJoined` is
   * `local.join('/')`, kept with the rewrite: most frames hit the exact path, so no array is built.
   */
  function rewrite(
    segments: string[],
    prod: readonly string[],
    local: readonly string[],
    localJoined: string,
  ): string | null {
    const rest = segments.slice(prod.length);
    if (local.length + rest.length === 0) return null;
    const joined =
      local.length === 0 ? rest.join('/') : rest.length === 0 ? localJoined : `${localJoined}/${rest.join('/')}`;
    if (exists(joined)) return joined;
    return index.lookup(local.concat(rest), undefined, { anchored: true }).file;
  }

  function byModuleSuffixes(suffixes: string[][]): FrameResolution | null {
    for (const suffix of suffixes) {
      const match = index.lookup(suffix, undefined, { fullQuery: suffix.length > 1 });
      if (match.file !== null) return found(match.file, 'module');
      if (match.candidates.length > 0) return ambiguous(match.candidates);
    }
    return null;
  }

  /**
   * A file of an installed package resolves only when the whole package-relative path ends one
   * workspace file (`myapp/orders/utils.py` ↔ `src/myapp/orders/utils.py`): the service's own
   * package, installed. A dependency's path matches nothing in the repository, or ties.
   */
  function byInstalledPackage(path: string): FrameResolution | null {
    const segments = installedPackagePath(path);
    if (segments === null) return null;
    const match = index.lookup(segments, undefined, { fullQuery: true });
    return match.file !== null && match.depth === segments.length
      ? found(match.file, 'suffix', 'an installed copy of a workspace package')
      : null;
  }

  function outsideProduction(segments: readonly string[]): boolean {
    const known = learned === null ? prefixes : [...prefixes, learned.prod];
    return known.length > 0 && !known.some((prod) => startsWith(segments, prod));
  }

  function byPath(segments: string[], absolute: boolean): FrameResolution | null {
    for (const r of rewrites) {
      if (!startsWith(segments, r.prod)) continue;
      const file = rewrite(segments, r.prod, r.local, r.localJoined);
      if (file !== null) return found(file, 'mapping');
    }
    if (learned !== null && startsWith(segments, learned.prod)) {
      const file = rewrite(segments, learned.prod, learned.local, learnedLocalJoined);
      if (file !== null) return found(file, 'prefix');
    }
    if (!absolute && exists(segments.join('/'))) return found(segments.join('/'), 'exact');
    if (absolute) {
      for (const form of rootForms) {
        if (form.length < segments.length && startsWith(segments, form)) {
          const rel = segments.slice(form.length).join('/');
          if (exists(rel)) return found(rel, 'exact');
        }
      }
    }
    const match = index.lookup(segments);
    // Outside the production prefix the other frames share or a mapping names, a same-named file
    // proves nothing (a driver at /srv/tools/run.py is not the service's tests/run.py): offer it, never choose it.
    if (match.file !== null && match.depth === 1 && segments.length > 1 && absolute && outsideProduction(segments)) {
      return ambiguous([match.file]);
    }
    if (match.file !== null) {
      const result = found(
        match.file,
        'suffix',
        match.depth === 1 && segments.length > 1 ? 'only the file name matched' : undefined,
      );
      const learnable = match.queryPrefix > 0 || match.localPrefix > 0;
      // A lone file-name match says little about the folders; learn only from deeper evidence.
      if (result.file !== null && learned === null && learnable && (match.depth >= 2 || match.localPrefix === 0)) {
        learned = {
          prod: segments.slice(0, match.queryPrefix),
          local: match.file.split('/').slice(0, match.localPrefix),
        };
        learnedLocalJoined = learned.local.join('/');
      }
      return result;
    }
    if (match.candidates.length > 0) return ambiguous(match.candidates);
    return null;
  }

  function resolve(frame: Parameters<FrameResolver['resolve']>[0]): FrameResolution {
    const path = typeof frame?.path === 'string' ? frame.path : null;
    const module = typeof frame?.module === 'string' ? frame.module : null;
    if (path !== null && isBareJvmFile(path)) {
      const suffix = jvmSuffix(module, path.trim()) ?? [path.trim()];
      return (
        byModuleSuffixes([suffix]) ?? {
          file: null,
          candidates: [],
          via: 'none',
          reason: `no workspace file for ${suffix.join('/')}`,
        }
      );
    }
    const normalized = path === null ? null : normalizeFramePath(path);
    if (path !== null && path.trim() !== '' && normalized === null) {
      const installed = byInstalledPackage(path);
      if (installed !== null) return installed;
      return {
        file: null,
        candidates: [],
        via: 'none',
        reason: 'not workspace code (dependency, runtime or eval frame)',
      };
    }
    const byPathResult = normalized === null ? null : byPath(normalized.segments, normalized.absolute);
    if (byPathResult !== null && byPathResult.file !== null) return byPathResult;
    const isPython = normalized === null || /\.pyw?$/i.test(normalized.segments[normalized.segments.length - 1]);
    const byModule = isPython ? byModuleSuffixes(pythonSuffixes(module)) : null;
    if (byModule !== null && byModule.file !== null) return byModule;
    return (
      byPathResult ??
      byModule ?? { file: null, candidates: [], via: 'none', reason: 'no workspace file matches this frame' }
    );
  }

  return {
    resolve,
    get learnedPrefix() {
      return learned;
    },
  };
}
