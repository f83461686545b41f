/** Output model of the triage pipeline; the CLI prints it as the JSON contract. */

export type DeploySource = 'flag' | 'provider' | 'tags' | 'none';

export interface DeployRange {
  from: string | null;
  to: string | null;
  source: DeploySource;
  /** True when nothing named the deploy and Culprit assumed the newest tag (never shown as known). */
  guessed?: boolean;
  /** Where the range came from, for people: `v1.4.0..v1.5.0 (from Sentry deploys)`, `(none: blamed at HEAD)`. */
  label?: string;
}

/**
 * The newest change after the deploy to a frame's deployed line: a commit, an uncommitted edit in
 * the working tree, or null when the line is as it was deployed (or that cannot be told).
 */
export type ChangedSince = { sha: string; summary: string; author: string; date: string } | { uncommitted: true };

/**
 * How a frame's line was placed: `line-number` (the reported number; its text matches when the
 * event carries it), `source-map`, `context-line` (a file git does not track, found by its line
 * text in the deployed tree), `function-text` (the text found inside the frame's function),
 * `history` (the text found at the reported number in the file's history: `placedAt`),
 * `moved-function` (the reported number, followed after the deploy to where its function moved).
 */
export type FramePlacement =
  'line-number' | 'source-map' | 'context-line' | 'function-text' | 'history' | 'moved-function';

export interface TriagedFrame {
  /** Repo-relative path with `/` separators, or null when unresolved or outside the repo. */
  file: string | null;
  /** As reported by production (after source-map translation when a map applied). */
  line: number | null;
  column: number | null;
  /**
   * Where that line stands in today's working tree: its counterpart when it was edited since, null
   * when it was deleted with nothing in its place, its file is gone, or it cannot be found.
   */
  localLine: number | null;
  /** The newest change to the deployed line after the deploy; null when unchanged or unknown. */
  changedSince?: ChangedSince | null;
  function: string | null;
  inApp: boolean;
  raw: string;
  /** Workspace candidates when the path matched more than one file. */
  candidates?: string[];
  /**
   * How the frame's line was placed (set when `file` is): null when nothing placed it, and then
   * `unplaced` says why and `localLine` is null. Reports written before it have none.
   */
  placedBy?: FramePlacement | null;
  /**
   * For `history`, and `context-line` found in the history rather than the tree: the commit whose
   * file holds the line as production ran it.
   */
  placedAt?: string;
  /** Why nothing placed the frame's line (its text is in neither the deployed file nor its history). */
  unplaced?: string;
  /** A marker standing for this many folded frames (recursion, or a trace over the cap); `raw` says what. */
  folded?: number;
}

export interface Suspect {
  sha: string;
  /** `Name <email>` */
  author: string;
  /** ISO 8601 author date. */
  date: string;
  summary: string;
  /** 0..1 */
  score: number;
  /** Calibrated probability in [0,1] that this is the culprit. */
  probability?: number;
  reasons: string[];
  /**
   * The links to the stack past the first three, in words; `reasons` then carries one
   * `and N more links to the stack` line in their place, which every surface expands.
   */
  moreLinks?: string[];
}

export interface TriagedIssue {
  id: string;
  title: string;
  count: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  release: string | null;
  url: string | null;
  deploy: DeployRange;
  frames: TriagedFrame[];
  suspects: Suspect[];
  /** Set only by `culprit verify` and Confirm by Bisect. */
  verification?: Verification;
  /** Why no suspects could be ranked (a git failure such as a broken blame setting); the frames still stand. */
  suspectsUnavailable?: string;
  /**
   * How sure the ranking is, from the suspects' calibrated probabilities: `low` when the top two are
   * within noise, the top one is unlikely, or none of the commits fits; never `high` without a range.
   */
  confidence?: 'high' | 'medium' | 'low';
  /** The two suspects (best first) the ranking cannot tell apart: "uncertain between A and B". */
  uncertainBetween?: [string, string];
  /** Why the likeliest outcome is that none of the listed commits caused the crash. */
  noSuspect?: string;
  /**
   * The runtime, OS, device and app facts the event carried (Sentry contexts, Bugsnag device/app),
   * formatted, and low-memory notes from them; absent when the event carries none.
   */
  runtime?: { groups: Array<{ group: string; title: string; rows: Array<[string, string]> }>; notes: string[] };
}

interface TriageError {
  issueId: string | null;
  message: string;
}

export interface TriageReport {
  issues: TriagedIssue[];
  errors: TriageError[];
  /** Set when the run's deadline passed: what the report is missing (also the last entry of `errors`). */
  incomplete?: string;
}

// ---- verification: `culprit verify`, Confirm by Bisect ----

export type StepResult = 'good' | 'bad' | 'skip';

/** One reproduction at one commit. `note` says why a step is bad or skipped, for people. */
export interface VerificationStep {
  sha: string;
  result: StepResult;
  ms: number;
  note?: string;
}

type VerificationStatus = 'confirmed' | 'not-reproduced' | 'inconclusive';

/** The reproduction on HEAD and on the working tree: "is it fixed?". */
export interface FixCheck {
  head: StepResult;
  workingTree: StepResult;
  summary: string;
}

/** `issues[i].verification` (CONTRACT.md). */
export interface Verification {
  status: VerificationStatus;
  /** The first bad commit when confirmed; null otherwise. */
  commit: string | null;
  /** The reproduction, as run in each step's scratch worktree. */
  command: string;
  /**
   * Which reproduction ran: the user's command, the regression test written from the request
   * (against the server the serve command starts), or the generated call of the crashing function.
   */
  reproduction?: 'command' | 'regression-test' | 'call-script';
  steps: VerificationStep[];
  /** What the event had that the reproduction lacks (not reproduced). */
  differs?: string[];
  /** One line for people: why this status. */
  summary: string;
  /** Reproduction runs spent (steps × reruns). */
  runs: number;
  fixed?: FixCheck;
}
