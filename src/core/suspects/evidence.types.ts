/** What links a commit to an error; the ranker turns evidence into scored suspects with reasons. */

export type EvidenceKind =
  /** Blame at TO puts the commit on the frame's own line. */
  | 'line'
  /** The commit changed a line within a few lines of the frame's line, in the same function. */
  | 'near'
  /** The commit changed lines elsewhere in the frame's function. */
  | 'function'
  /**
   * The commit changed what reaches the crash through this frame: an assignment to a name the
   * crashing line reads (directly or through the arguments of the calls down the stack), the
   * arguments a caller passes for a parameter the crash used, or it removed such an assignment.
   */
  | 'flow'
  /**
   * The commit changed a caller's call line around the call but not its arguments: that part
   * runs after the call returns, which it never did.
   */
  | 'around'
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
  /**
   * The commit changed code that ran and returned before the crash: the body of a function a
   * frame called on or before its line, or the value of a constant or config key the line reads.
   */
  | 'callee'
  /**
   * The commit wrote the very key a lookup did not find (`KeyError: 'en'`), or another literal the message
   * quotes, as a string literal.
   */
  | 'literal'
  /**
   * The shape of the change says what broke (see `shape`): a bound moved by one on a line that
   * controls the crashing line, arguments reordered, an `await` dropped, an enum constant renamed.
   */
  | 'shape'
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
  /** The commit changed a condition that routed execution to the frame's line (an enclosing `if`, `else`, `when`). */
  guard?: boolean;
  /** For near/function/removed: the change reads or writes none of the names that reach the frame's line. */
  offFlow?: boolean;
  /**
   * In a file that is none of the stack's: what the commit did to the stack's files (a formatter
   * pass, a rename) says nothing of this change, so those discounts do not apply to it.
   */
  offStack?: boolean;
  /**
   * Names the error is about (errorTokens.keyTokens) that this change removed (`token`) or wrote
   * into the crashing line (`line`).
   */
  keys?: string[];
  /** For `line`: a later commit in the range rewrote the line again (blame names that one). */
  superseded?: boolean;
  /** For `line`: the commit rewrote the crashing line, but another put the error's key name on it. */
  carried?: boolean;
  /** For a `superseded` line: every later rewrite was neutral or incidental, so this one still owns the line. */
  owner?: boolean;
  /** For `line`: the rewrite kept the failing expression as it was and removed nothing from the line. */
  incidental?: boolean;
  /** For `callee`: the function called or the value read, where the frame used it, and which. */
  callee?: string;
  calledLine?: number;
  calleeKind?: 'call' | 'value';
  /** For `literal`: a literal the message quotes (a format, a value), not a key it reports missing. */
  quoted?: boolean;
  /** For `callee`: used on the frame's line or in an assignment whose value reaches it. */
  feeds?: boolean;
  /**
   * For `callee`: the change defined a value the failing operation used (a table entry, a constant named after
   * the operand).
   */
  operand?: boolean;
  /**
   * For `shape`: which change (`normalize`: a helper's returned value lost its round/trim/parse call;
   * `hierarchy`: the thrown class's base changed).
   */
  shape?: 'bound' | 'reorder' | 'await' | 'enum' | 'normalize' | 'hierarchy';
  /** For `callee`: helpers between the frame's call and this producer, outermost first. */
  via?: string[];
  /** For `callee` on a null read: the changed function itself returns a null literal, so it made the null. */
  nullOrigin?: boolean;
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
  /** Every change the commit made to frame files renamed one identifier (with its declaration). */
  renamed?: boolean;
  /** Every change the commit made to frame files replaced a literal by a constant it defined with that literal. */
  extracted?: boolean;
  /** The commit's only real change to frame files rewrote the crashing line around its failing expression. */
  incidental?: boolean;
  /** Every change the commit made to frame files added a guard that exits early (`if …: continue`). */
  guardOnly?: boolean;
  /** Every file the commit touched is tests, docs, lockfiles, CI or built output (pathKinds). */
  nonCode?: boolean;
}

/** How the suspects were found, which sets the confidence. */
export type BlameMode =
  /** Blame limited to FROM..TO: the deploy diff. */
  | 'range'
  /** TO known, no earlier deploy: full history at TO. */
  | 'to-only'
  /** No deploy information: blame at HEAD. */
  | 'head';
