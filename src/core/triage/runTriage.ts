/** Runs the triage over every sample a source lists; per-sample failures go to `errors`. */
import type { ErrorSource } from '../providers/errorSource';
import type { TriageReport } from '../model/triage.types';
import { CulpritError, messageOf } from '../errors';
import { triageSample, type TriageSettings } from './triageSample';
import type { TriageWorkspace } from './triageWorkspace';

export interface RunOptions extends TriageSettings {
  /** Most issues. */
  limit: number;
  signal?: AbortSignal;
}

/**
 * Lists the source's samples and triages each; throws only when the source itself fails or
 * `signal` aborts (a `cancelled` CulpritError: a half-done report must not pass for a current one).
 */
export async function runTriage(source: ErrorSource, ws: TriageWorkspace, options: RunOptions): Promise<TriageReport> {
  const listed = await source.listSamples({ limit: options.limit, signal: options.signal });
  const report: TriageReport = {
    issues: [],
    errors: listed.failures.map((f) => ({ issueId: f.issueId, message: f.message })),
  };
  // Sequential on purpose: git is capped at two processes and samples share the repo caches.
  for (const sample of listed.samples.slice(0, options.limit)) {
    if (options.signal?.aborted) throw new CulpritError('cancelled', 'The triage was cancelled.');
    try {
      report.issues.push(await triageSample(sample, ws, options));
    } catch (e) {
      report.errors.push({ issueId: sample.group.id, message: messageOf(e) });
    }
  }
  if (options.signal?.aborted) throw new CulpritError('cancelled', 'The triage was cancelled.');
  return report;
}
