import type { BlameLine, CommitInfo } from '../git/git.types';

/** The git operations suspect finding needs; the triage pipeline adapts the repo to it. */
export interface SuspectGitPort {
  /**
   * Raw output of a read-only git command whose output is fixed by its SHA arguments (a diff or
   * log between two SHAs), so the host may cache it. Arguments as an array.
   */
  runImmutable(args: string[]): Promise<string>;
  /** File text at a revision, or null when the path does not exist there. */
  show(rev: string, path: string): Promise<string | null>;
  /** `git blame --porcelain -L … FROM..TO -- path`. */
  blameRange(from: string, to: string, path: string, ranges: Array<[number, number]>): Promise<BlameLine[]>;
  /** Full-history blame at one revision. */
  blameAt(rev: string, path: string, ranges: Array<[number, number]>): Promise<BlameLine[]>;
  commitsInRange(from: string, to: string): Promise<CommitInfo[]>;
}

/** A frame ready for blame: resolved to a path at the deployed revision. */
export interface BlameFrame {
  /** Index among resolved in-app frames, 0 = crashing. */
  depth: number;
  /** Repo-relative path at the blamed revision. */
  path: string;
  /** Line at the blamed revision. */
  line: number;
  function: string | null;
}

/** A blame frame with its function's extent and the file's lines at TO. */
export interface FrameExtent extends BlameFrame {
  start: number;
  end: number;
  /** Last line that may have run before the frame stopped; changes below it never ran. */
  ranUntil: number;
  /** The file's lines at TO. */
  text: string[];
  /** Bodies of functions declared inside the extent, off the frame's line: they run only when called. */
  nested: Array<[number, number]>;
}

/** What a line scan needs of an extent: the frame, its function's first line and the file's lines at TO. */
export type FrameText = Pick<FrameExtent, keyof BlameFrame | 'start' | 'text'>;
