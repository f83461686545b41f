/** What links a commit to an error; the ranker turns evidence into scored suspects with reasons. */

export type EvidenceKind =
  /** Blame at TO puts the commit on the frame's own line. */
  | 'line'
  /** The commit changed a line within a few lines of the frame's line, in the same function. */
  | 'near'
  /** The commit changed lines elsewhere in the frame's function. */
  | 'function'
  /** The commit removed lines inside the frame's function (a guard taken out, a default dropped). */
  | 'removed'
  /**
   * The commit changed (or removed) lines of the frame's function only below where the frame
   * stopped: code that had not run yet when it failed.
   */
  | 'later'
  /** The commit changed the frame's file outside the frame's function. */
  | 'file'
  /** The commit's added or removed lines mention identifiers from the error or the crashing line. */
  | 'token'
  /** The commit is in the deploy range but touched nothing the stack points at. */
  | 'range';

export interface Evidence {
  sha: string;
  kind: EvidenceKind;
  /** Index of the frame among resolved in-app frames: 0 is the crashing frame. */
  frameDepth: number;
  file: string;
  /** The frame's line (at the deployed revision). */
  frameLine: number;
  function: string | null;
  /** Lines between the change and the frame's line (0 for `line`). */
  distance: number;
  /** Changed or removed line count behind this evidence. */
  lines: number;
  /** Identifiers that matched, for `token`. */
  tokens?: string[];
  /** First changed line of the evidence (for reasons), at TO. */
  changedLine?: number;
}

/** Facts about a commit that the ranker weighs beside the evidence. */
export interface CommitFacts {
  sha: string;
  author: string;
  authorMail: string;
  date: string;
  summary: string;
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  /** Every change the commit made to frame files only re-indented or re-spaced lines. */
  cosmetic: boolean;
}

/** How the suspects were found, which sets the confidence. */
export type BlameMode =
  /** Blame limited to FROM..TO: the deploy diff. */
  | 'range'
  /** TO known, no earlier deploy: full history at TO. */
  | 'to-only'
  /** No deploy information: blame at HEAD. */
  | 'head';
