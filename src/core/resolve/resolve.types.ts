import type { RawFrame } from '../model/event.types';

/** A user-given rewrite of a production path prefix (`--map /srv/app/dist=src`). */
export interface PathMapping {
  /** Production prefix, e.g. `/app` or `webpack:///./`. */
  prod: string;
  /** Workspace folder relative to the root (`.` for the root itself). */
  local: string;
}

/** How a frame was resolved; `none` exactly when `file` is null. */
export type ResolutionVia = 'mapping' | 'prefix' | 'exact' | 'suffix' | 'module' | 'none';

/** Where a production frame lives in the workspace. */
export interface FrameResolution {
  /** Repo-relative path (`/` separators), confined to the root; null when unresolved or ambiguous. */
  file: string | null;
  /** When ambiguous: the workspace files that match equally well, most likely first (capped). */
  candidates: string[];
  via: ResolutionVia;
  /** Why the frame is unresolved or ambiguous, or a caveat on a weak match; for people. */
  reason?: string;
}

/** A production → workspace prefix rewrite learned from a frame of the same trace. */
export interface LearnedPrefix {
  prod: string[];
  local: string[];
}

/** Options for `createFrameResolver`. */
export interface FrameResolverOptions {
  /** Absolute workspace root. */
  root: string;
  /** Every workspace file, repo-relative with `/` separators (e.g. from `git ls-files` or findFiles). */
  files: readonly string[];
  mappings?: readonly PathMapping[];
  /**
   * Repo-relative folder the user pointed at (`--repo services/orders` inside a monorepo): when
   * several files tie, the only one under it wins.
   */
  preferUnder?: string;
  /**
   * Paths of the deployed tree (a few, the frames' file names): a frame whose path, after the
   * mappings or the learned prefix, is one of them resolves there, though today's tree moved it.
   */
  deployed?: { has(path: string): boolean };
}

/** Resolves the frames of one trace; learns a prefix rewrite as it goes, so use one per trace. */
export interface FrameResolver {
  resolve(frame: Pick<RawFrame, 'path' | 'module' | 'function'>): FrameResolution;
  /** The rewrite learned so far, if any. */
  readonly learnedPrefix: LearnedPrefix | null;
}
