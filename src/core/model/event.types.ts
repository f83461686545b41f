/**
 * The normalized error model every source (file, Sentry, Datadog) produces.
 * Raw API shapes never leave their provider folder; everything downstream reads these types.
 */

/** Source lines around a frame, as captured by an SDK. */
export interface SourceContext {
  pre: string[];
  line: string | null;
  post: string[];
}

/** One stack frame exactly as production reported it (before any mapping onto the workspace). */
export interface RawFrame {
  /** The path or URL production reported (Sentry abs_path/filename, a V8 URL, a JVM file name…). */
  path: string | null;
  /** Module, package or class, when the format has one (`com.acme.Orders`, `app.services.pricing`). */
  module: string | null;
  function: string | null;
  /** 1-based, as reported. */
  line: number | null;
  /** 1-based, as reported. */
  column: number | null;
  /** What the source said about in-app; null when it said nothing. */
  inApp: boolean | null;
  /** The frame as one line of text: the original stack line, or a rendering of a structured frame. */
  raw: string;
  context?: SourceContext;
  /** Local variables captured for this frame (Sentry `vars`). */
  vars?: Record<string, unknown>;
  /**
   * Set on a marker that stands for this many frames folded away (a recursion, or the middle of a
   * trace over the frame cap); its `raw` says what: `… 99,990 more frames of recursion in f …`.
   */
  folded?: number;
}

/** One exception of a chain. */
export interface ExceptionRecord {
  type: string | null;
  value: string | null;
  /** Crashing frame first. */
  frames: RawFrame[];
  /** True when the format elided frames (`... 12 more`, `frames_omitted`). */
  framesOmitted?: boolean;
  /**
   * Its frames are where the failure happened although it is not the chain's root: Python's
   * `During handling of the above exception` when the handler itself failed (not a `raise`).
   */
  crashing?: boolean;
  handled?: boolean | null;
}

export interface RequestInfo {
  method: string | null;
  url: string | null;
  query: string | null;
  /** Header pairs as received; front ends strip secrets before display. */
  headers: Array<[string, string]>;
  data: unknown;
}

export interface Breadcrumb {
  timestamp: string | null;
  type: string | null;
  category: string | null;
  level: string | null;
  message: string | null;
  data?: Record<string, unknown>;
}

export interface ErrorEvent {
  eventId: string | null;
  /** ISO 8601. */
  timestamp: string | null;
  /** Language or SDK platform (`node`, `python`, `java`…), when known. */
  platform: string | null;
  message: string | null;
  release: string | null;
  environment: string | null;
  /** A git SHA (full or short) the payload names as the deployed revision, e.g. Datadog `git.commit.sha`. */
  commit: string | null;
  /** Root cause first, outermost (the one finally thrown) last: Sentry's order. */
  exceptions: ExceptionRecord[];
  request: RequestInfo | null;
  breadcrumbs: Breadcrumb[];
  tags: Record<string, string>;
  user: Record<string, unknown> | null;
  contexts: Record<string, unknown>;
}
