/** The detail panel's view model: plain JSON, already stripped of secrets and bounded in size. */
import type { FixStatus } from './fixStatus';
import type { TagComparison } from './tagComparison.types';
import type { ResourceMetrics, RuntimeFactGroup } from './resourceContext.types';

export interface PanelFrame {
  /** Index into `TriagedIssue.frames` (and the flattened event frames): what `openFrame` takes. */
  index: number;
  function: string | null;
  /** Workspace path when resolved, else the path production reported. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** Line in today's working tree, when the file still has it. */
  localLine: number | null;
  inApp: boolean;
  /** How its line was placed, in words, when not simply by the reported number (see `placementText`). */
  placement: string | null;
  /** The change to its line after the deploy, in words (see `changedSinceText`). */
  changed: string | null;
  /** Whether the frame maps onto a workspace file (so clicking it can open something). */
  resolved: boolean;
  raw: string;
  /** Local variables as [name, rendered value]. */
  vars: Array<[string, string]>;
}

export interface PanelRequest {
  method: string | null;
  /** Without credentials in the URL and with secret-looking query values masked. */
  url: string | null;
  query: Array<[string, string]>;
  headers: Array<[string, string]>;
  /** Pretty-printed when JSON. */
  body: string | null;
  bodyIsJson: boolean;
}

export interface PanelBreadcrumb {
  timestamp: string | null;
  category: string | null;
  level: string | null;
  message: string | null;
  /** `data` rendered as compact JSON. */
  data: string | null;
}

export interface PanelSuspect {
  sha: string;
  shortSha: string;
  author: string;
  date: string;
  summary: string;
  /** 0..100 */
  score: number;
  /** `90%`: the one probability format every surface shows. */
  probability: string;
  reasons: string[];
  /** Bisect replay confirmed this commit (issues[i].verification). */
  confirmed: boolean;
  /** The in-app frame the suspect touches, for "Open diff" (top resolved in-app frame). */
  file: string | null;
  line: number | null;
  /**
   * Every file the commit changed (`+added/−removed`, the first changed line on its side), each
   * opening the diff at that hunk; set by the extension from git once read, absent before.
   */
  files?: Array<{ path: string; added: number; removed: number; line: number | null }>;
  /** Files the commit changed beyond `files` (a long list is cut). */
  moreFiles?: number;
}

/** A bisect replay's verdict as the panel shows it. */
export interface PanelVerification {
  status: string;
  commit: string | null;
  /** `[short sha, "bad · 0.8 s · TypeError at src/…:24"]`, in the order they ran. */
  steps: Array<[string, string]>;
  summary: string;
  command: string;
  runs: number | null;
  /** What production had that the reproduction lacks (not reproduced). */
  differs: string[];
  /** "Is it fixed?" on HEAD and the working tree, when it ran. */
  fixed: string | null;
}

export interface PanelModel {
  issueId: string;
  /** `sentry`, `datadog`, `file`… */
  source: string;
  title: string;
  message: string | null;
  exceptionType: string | null;
  count: number | null;
  userCount: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  release: string | null;
  environment: string | null;
  status: string | null;
  /** http(s) link to the issue in the provider's UI, else null. */
  providerUrl: string | null;
  providerLabel: string;
  deploy: { from: string | null; to: string | null; source: string; guessed: boolean; label: string | null } | null;
  tags: Array<[string, string]>;
  /** The affected user's identifying fields (id, username, e-mail, IP) as the source reported them. */
  user: Array<[string, string]>;
  /** The host that served the failing request, when the event names it. */
  server: string | null;
  /** Confirm by Bisect's verdict when one ran (issues[i].verification). */
  verification: PanelVerification | null;
  /** Whether Confirm by Bisect can run here (trusted, git, a deploy range); the host sets it. */
  canBisect?: boolean;
  /** The running bisect's step (`step 2/5 · bisect 2b16db1`), or null; the host sets it. */
  bisecting?: string | null;
  frames: PanelFrame[];
  request: PanelRequest | null;
  breadcrumbs: PanelBreadcrumb[];
  suspects: PanelSuspect[];
  /**
   * Why `suspects` is empty (`unavailable: git is not run…`, `not triaged: …`, `none found: …`);
   * null when there are suspects or the triage has not finished.
   */
  suspectsNote: string | null;
  /** How sure the ranking is, in words (`low confidence: uncertain between …`); null when not ranked. */
  verdict: string | null;
  /** Present once computed; the panel asks for it through the protocol otherwise. */
  comparison: TagComparison | null;
  /** Runtime, OS, device and app facts the event carries, and low-memory notes from them. */
  runtime: { groups: RuntimeFactGroup[]; notes: string[] };
  /** Host or container metrics around the error, once loaded (the panel asks for them otherwise). */
  resources: ResourceMetrics | null;
  /** Whether the provider can query metrics around the error (Datadog); the host sets it. */
  canQueryResources?: boolean;
  fixStatus: { status: FixStatus; text: string } | null;
  /** Whether resolve/ignore/assign make sense (a provider issue, not a pasted file). */
  actionable: boolean;
  /** Whether the event has a request to build a regression test from. */
  canCreateRegressionTest: boolean;
}
