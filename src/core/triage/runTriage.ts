/** Runs the triage over every sample a source lists; per-sample failures go to `errors`. */
import type { ErrorSource } from '../providers/errorSource';
import type { ErrorSample } from '../model/group.types';
import type { TriageReport, TriagedIssue } from '../model/triage.types';
import { CulpritError, messageOf } from '../errors';
import { positionOrNull } from '../decode/valueDecoder';
import { withSoleRunSignal } from '../git/runSignal';
import { isDeadlineError } from '../util/deadline';
import { flattenFrames } from './frameSelection';
import { issueFacts, triageSample, type TriageSettings } from './triageSample';
import type { TriageWorkspace } from './triageWorkspace';

export interface RunOptions extends TriageSettings {
  /** Most issues. */
  limit: number;
  /**
   * Stops the run: a deadline's signal (its reason a `timeout` CulpritError from createDeadline)
   * keeps what was fetched and reports the rest; any other abort throws `cancelled`.
   */
  signal?: AbortSignal;
}

/**
 * Lists the source's samples and triages each; throws only when the source itself fails or
 * `signal` is cancelled (a `cancelled` CulpritError: a half-done report must not pass for a current one).
 * When a deadline passes, the issues triaged by then stay, events fetched but not triaged are shown
 * with their frames as reported and no suspects, and `incomplete` says what is missing.
 */
export async function runTriage(source: ErrorSource, ws: TriageWorkspace, options: RunOptions): Promise<TriageReport> {
  const signal = options.signal;
  const cancelled = (): boolean => signal?.aborted === true && !isDeadlineError(signal.reason);
  const listed = await withSoleRunSignal(signal, () => source.listSamples({ limit: options.limit, signal }));
  const report: TriageReport = {
    issues: [],
    errors: listed.failures.map((f) => ({ issueId: f.issueId, message: f.message })),
  };
  const samples = listed.samples.slice(0, options.limit);
  let untriaged = 0;
  // Sequential on purpose: git is capped at two processes and samples share the repo caches.
  for (const sample of samples) {
    if (cancelled()) throw new CulpritError('cancelled', 'The triage was cancelled.');
    if (signal?.aborted) {
      report.issues.push(untriagedIssue(sample, messageOf(signal.reason)));
      untriaged++;
      continue;
    }
    try {
      report.issues.push(await withSoleRunSignal(signal, () => triageSample(sample, ws, options)));
    } catch (e) {
      if (cancelled()) throw new CulpritError('cancelled', 'The triage was cancelled.');
      if (isDeadlineError(e) || (signal?.aborted && CulpritError.is(e, 'cancelled'))) {
        report.issues.push(untriagedIssue(sample, messageOf(signal?.reason ?? e)));
        untriaged++;
      } else report.errors.push({ issueId: sample.group.id, message: messageOf(e) });
    }
  }
  if (cancelled()) throw new CulpritError('cancelled', 'The triage was cancelled.');
  if (signal?.aborted && isDeadlineError(signal.reason)) {
    report.incomplete = incompleteNote(signal.reason.message, report, samples.length, untriaged);
    report.errors.push({ issueId: null, message: report.incomplete });
  }
  return report;
}

function incompleteNote(why: string, report: TriageReport, fetched: number, untriaged: number): string {
  const done = report.issues.length - untriaged;
  const notFetched = report.errors.length;
  const parts = [`${done} issue${done === 1 ? '' : 's'} triaged`];
  if (untriaged > 0) parts.push(`${untriaged} shown as reported, without suspects`);
  if (notFetched > 0) parts.push(`${notFetched} not fetched or failed (see errors)`);
  return `${why}: ${parts.join('; ')} (${fetched} event${fetched === 1 ? '' : 's'} fetched)`;
}

/** A fetched event the deadline left no time to triage: its frames as production reported them. */
function untriagedIssue(sample: ErrorSample, why: string): TriagedIssue {
  return {
    ...issueFacts(sample),
    deploy: { from: null, to: null, source: 'none', guessed: false, label: '(not resolved: the deadline passed)' },
    frames: flattenFrames(sample.event.exceptions).map((f) => ({
      file: null,
      line: positionOrNull(f.line),
      column: positionOrNull(f.column),
      localLine: null,
      changedSince: null,
      function: f.function,
      inApp: f.inApp !== false,
      raw: f.raw,
      ...(f.folded ? { folded: f.folded } : {}),
    })),
    suspects: [],
    suspectsUnavailable: `not triaged: ${why}`,
  };
}
