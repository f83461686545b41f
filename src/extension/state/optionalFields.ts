/**
 * Fields other engineers add to the triage contract (see the README's JSON contract), read as
 * optional so that this front end works before and after they land.
 */
import type { TriagedIssue } from '../../core/model';

export interface VerificationView {
  status: 'confirmed' | 'not-reproduced' | 'inconclusive';
  commit: string | null;
  command?: string;
  steps?: Array<{ sha: string; result: string; ms?: number; note?: string }>;
  summary?: string;
  runs?: number;
  differs?: string[];
}

/** `issues[i].verification`, when a bisect ran. */
export function verificationOf(issue: TriagedIssue): VerificationView | undefined {
  const v = (issue as { verification?: unknown }).verification;
  if (!v || typeof v !== 'object') return undefined;
  const status = (v as { status?: unknown }).status;
  if (status !== 'confirmed' && status !== 'not-reproduced' && status !== 'inconclusive') return undefined;
  const commit = (v as { commit?: unknown }).commit;
  return { ...(v as object), status, commit: typeof commit === 'string' ? commit : null } as VerificationView;
}
