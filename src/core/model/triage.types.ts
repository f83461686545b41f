/** Output model of the triage pipeline; the CLI prints it as the JSON contract. */

export type DeploySource = 'flag' | 'provider' | 'tags' | 'none';

export interface DeployRange {
  from: string | null;
  to: string | null;
  source: DeploySource;
}

export interface TriagedFrame {
  /** Repo-relative path with `/` separators, or null when unresolved or outside the repo. */
  file: string | null;
  /** As reported by production (after source-map translation when a map applied). */
  line: number | null;
  column: number | null;
  /** Where that line stands in today's working tree; null when deleted or unknown. */
  localLine: number | null;
  function: string | null;
  inApp: boolean;
  raw: string;
  /** Workspace candidates when the path matched more than one file. */
  candidates?: string[];
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
  reasons: string[];
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
}

export interface TriageError {
  issueId: string | null;
  message: string;
}

export interface TriageReport {
  issues: TriagedIssue[];
  errors: TriageError[];
}
