/**
 * Frame resolvers over only the files a trace can resolve to. A triage lists the index once
 * (`git ls-files -z`, no tree walk; kept in the git dir while the index is unchanged) and keeps
 * the paths whose file name a frame can match; the deployed tree and untracked files are listed
 * only when a workspace-looking frame does not resolve, or only by its file name (renamed or
 * deleted since the deploy, never committed).
 */
import type { GitRepo } from '../git/gitRepo';
import { trackedListing } from '../git/indexListing';
import type { RawFrame } from '../model/event.types';
import { normalizeFramePath } from '../resolve/framePath';
import { createFrameResolver } from '../resolve/frameResolver';
import { StemIndex } from '../resolve/pathIndex';
import type { FrameResolver, PathMapping } from '../resolve/resolve.types';
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
  const makeResolver = (files: string[]): FrameResolver =>
    createFrameResolver({ root, files, index: StemIndex.build(files), mappings, preferUnder: options.preferUnder });

  return {
    async resolverFor(rev, frames) {
      const files = pathsWithStems(await listing('tracked'), frameStems(frames, mappings));
      const probe = makeResolver(files);
      const weak = frames.filter((f) => {
        if (typeof f?.path !== 'string' && typeof f?.module !== 'string') return false;
        if (typeof f.path === 'string' && f.path.trim() !== '' && normalizeFramePath(f.path) === null) return false;
        const r = probe.resolve(f);
        return (r.file === null && r.candidates.length === 0) || r.reason === 'only the file name matched';
      });
      listed = new Set(files);
      if (weak.length === 0) return makeResolver(files);
      const stems = frameStems(weak, mappings);
      const [tree, untracked] = await Promise.all([rev ? listing('tree', rev) : '', listing('untracked')]);
      listed = new Set([...files, ...pathsWithStems(tree, stems), ...pathsWithStems(untracked, stems)]);
      return makeResolver([...listed]);
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
