/** The work of `culprit triage` once its arguments are read (main.ts loads it only for a triage). */
import { resolve } from 'node:path';
import { createDeadline, createFileSource, readBounded, runTriage, openTriageWorkspace } from '../core/triage';
import type { ErrorSource } from '../core/providers';
import type { TriageArgs } from './cliArgs';
import { formatTextReport } from './textReport';
import { terminalSafe } from './terminalText';

/** The error source a triage's arguments name: an event file (or stdin), or a provider. */
export async function sourceFor(args: TriageArgs, signal?: AbortSignal): Promise<ErrorSource> {
  if (args.event !== null) {
    // A person typing at a terminal may pause: only a pipe or a file has an idle limit.
    const typing = args.event === '-' && process.stdin.isTTY === true;
    const text = await readBounded(args.event, { signal, ...(typing ? { idleMs: 0 } : {}) });
    return createFileSource(text, args.event === '-' ? 'stdin' : args.event);
  }
  // Only provider triages need the Sentry, Datadog and Bugsnag clients (their own chunk, with axios).
  const { createProviderSource } = await import('./providerSources');
  return createProviderSource(
    args,
    process.env,
    args.verbose ? (line) => process.stderr.write(`${terminalSafe(line)}\n`) : undefined,
  );
}

/** Runs a `culprit triage` and resolves with its exit code. */
export async function runTriageCommand(args: TriageArgs): Promise<number> {
  const deadline = createDeadline(args.timeoutMs, '--timeout');
  let report;
  try {
    // The workspace opens (its first git process) while the event is read and parsed.
    const opening = openTriageWorkspace({ dir: resolve(args.repo), trusted: true, mappings: args.maps });
    opening.catch(() => undefined); // awaited below; an unreadable event is still the error reported
    const source = await sourceFor(args, deadline.signal);
    const ws = await opening;
    report = await runTriage(source, ws, {
      limit: args.limit,
      deployFlag: args.deploy ?? undefined,
      tagPattern: args.tagPattern ?? undefined,
      suspectLimit: 10,
      blameFrames: 12,
      signal: deadline.signal,
    });
  } finally {
    deadline.dispose();
  }
  // Printed even with --json: a partial report must not pass silently for a whole one in CI logs.
  if (report.incomplete && report.issues.length > 0)
    process.stderr.write(`culprit: ${terminalSafe(report.incomplete)}\n`);
  if (report.issues.length === 0) {
    const first = report.errors[0];
    if (first) {
      process.stderr.write(`culprit: ${terminalSafe(first.message)}\n`);
      if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 1;
    }
  }
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatTextReport(report));
  return 0;
}
