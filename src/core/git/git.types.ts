/** Parsed git output. Produced by pure parsers; consumed by the deploy, drift and suspect code. */

/** One line of `git blame --porcelain` output, with its commit's header fields. */
export interface BlameLine {
  sha: string;
  /** Line number in the blamed revision (the -L coordinates). */
  finalLine: number;
  /** Line number in the commit that last changed it. */
  origLine: number;
  /** Path in the commit that last changed it (differs after a rename). */
  origPath: string;
  /** True when the line was not changed inside the blamed range (porcelain `boundary`). */
  boundary: boolean;
  author: string;
  authorMail: string;
  /** Epoch seconds. */
  authorTime: number;
  summary: string;
  content: string;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The removed and added lines' text, when the diff was parsed with `bodies`. */
  oldText?: string[];
  newText?: string[];
}

export interface FileDiff {
  /** null for an added file. */
  oldPath: string | null;
  /** null for a deleted file. */
  newPath: string | null;
  hunks: DiffHunk[];
}

export interface CommitInfo {
  sha: string;
  author: string;
  authorMail: string;
  /** ISO 8601 author date. */
  date: string;
  summary: string;
  parents: string[];
  /** Files the commit changed (repo-relative), with added/removed line counts when known. */
  files?: Array<{ path: string; added: number; removed: number }>;
}
