/**
 * Frame resolvers over only the files a trace can resolve to. A triage lists the index once
 * (`git ls-files -z`, no tree walk; kept in the git dir while the index is unchanged) and keeps
 * the paths whose file name a frame can match. The
 * deployed tree is listed when a workspace-looking frame is not at its own path today (moved,
 * split or deleted since the deploy, however many files share its name now): its path, mapped,
 * resolves there when production's tree holds it. Untracked files, and the deployed tree's files
 * for matching by name, are added only when such a frame does not resolve, or only by its file name.
 */
import type { GitRepo } from '../git/gitRepo';
import { trackedListing } from '../git/indexListing';
import type { RawFrame } from '../model/event.types';
import { normalizeFramePath } from '../resolve/framePath';
import { createFrameResolver } from '../resolve/frameResolver';
import { StemIndex } from '../resolve/pathIndex';
import type { FrameResolver, PathMapping, ResolutionVia } from '../resolve/resolve.types';
import { frameStems, pathsWithStems } from './frameStems';

export interface LazyResolverOptions {
  repo: GitRepo;
  root: string;
  mappings: PathMapping[];
  preferUnder?: string;
}

export interface LazyResolver {
  /** A fresh resolver for one trace's frames, over the files at `rev` and today. */
  resolverFor(rev: string | null, frames: readonly RawFrame[]): Promise<FrameResolver>;
  /** The files the last resolver listed (they exist: source-map probing needs no syscall for them). */
  listed(): ReadonlySet<string>;
  /** Membership in the index listing already read for resolution (no second process, no Set of the tree). */
  tracked(): Promise<{ has(path: string): boolean }>;
  /** Forgets the listings (after commits, checkouts, file changes). */
  clear(): void;
}

type ListingKind = 'tracked' | 'untracked' | 'tree';

/** Resolutions that found the frame's own path (mapped or learned) in today's tree. */
const AT_OWN_PATH: ReadonlySet<ResolutionVia> = new Set(['mapping', 'prefix', 'exact']);

export function createLazyResolver(options: LazyResolverOptions): LazyResolver {
  const { repo, root, mappings } = options;
  // Raw `-z` listings, kept until clear(): filtered per trace rather than indexed whole.
  const listings = new Map<string, Promise<string>>();
  const listing = (kind: ListingKind, rev?: string): Promise<string> => {
    const key = `${kind}:${rev ?? ''}`;
    let p = listings.get(key);
    if (!p) {
      const args =
        kind === 'untracked'
          ? ['ls-files', '-o', '--exclude-standard', '-z']
          : ['ls-tree', '-r', '--name-only', '-z', rev as string];
      p = kind === 'tracked' ? trackedListing(repo) : repo.run(args);
      listings.set(key, p);
      p.catch(() => listings.delete(key));
    }
    return p;
  };
  let listed: ReadonlySet<string> = new Set();
  const makeResolver = (files: string[], deployed?: ReadonlySet<string>): FrameResolver =>
    createFrameResolver({
      root,
      files,
      index: StemIndex.build(files),
      mappings,
      preferUnder: options.preferUnder,
      deployed,
    });

  return {
    async resolverFor(rev, frames) {
      const files = pathsWithStems(await listing('tracked'), frameStems(frames, mappings));
      const probe = makeResolver(files);
      const weak: RawFrame[] = [];
      let elsewhere = false;
      // The triage resolves every frame twice, the first pass to learn the prefix: so does the probe.
      for (const f of frames) probe.resolve(f);
      for (const f of frames) {
        if (typeof f?.path !== 'string' && typeof f?.module !== 'string') continue;
        if (typeof f.path === 'string' && f.path.trim() !== '' && normalizeFramePath(f.path) === null) continue;
        const r = probe.resolve(f);
        if ((r.file === null && r.candidates.length === 0) || r.reason === 'only the file name matched') weak.push(f);
        if (!AT_OWN_PATH.has(r.via)) elsewhere = true;
      }
      listed = new Set(files);
      if (weak.length === 0 && !(rev && elsewhere)) return makeResolver(files);
      const [tree, untracked] = await Promise.all([
        rev ? listing('tree', rev) : '',
        weak.length > 0 ? listing('untracked') : '',
      ]);
      const deployed = new Set(pathsWithStems(tree, frameStems(frames, mappings)));
      if (weak.length === 0) return makeResolver(files, deployed);
      const stems = frameStems(weak, mappings);
      listed = new Set([...files, ...pathsWithStems(tree, stems), ...pathsWithStems(untracked, stems)]);
      return makeResolver([...listed], deployed);
    },
    listed: () => listed,
    async tracked() {
      const padded = `\0${await listing('tracked')}`;
      // A few vendored-looking frames ask; a substring search beats building a 250k-entry Set.
      return { has: (path) => path.length > 0 && padded.includes(`\0${path}\0`) };
    },
    clear() {
      listings.clear();
      listed = new Set();
    },
  };
}
