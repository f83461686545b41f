/** `culprit triage`: the core pipeline in a terminal or CI, printing a table or the JSON contract. */
import { resolve } from 'node:path';
import { messageOf } from '../core/errors';
import { createDeadline, runTriage, openTriageWorkspace } from '../core/triage';
import { createFileSource, type ErrorSource } from '../core/providers';
import { USAGE, UsageError, parseTriageArgs, type TriageArgs } from './cliArgs';
import { formatTextReport } from './textReport';
import { createProviderSource } from './providerSources';
import { verifyCommand } from './verifyCommand';
import { terminalSafe } from './terminalText';
import { readBounded } from './boundedRead';

export async function sourceFor(args: TriageArgs, signal?: AbortSignal): Promise<ErrorSource> {
  if (args.event !== null) {
    const text = await readBounded(args.event, undefined, undefined, signal);
    return createFileSource(text, args.event === '-' ? 'stdin' : args.event);
  }
  return createProviderSource(
    args,
    process.env,
    args.verbose ? (line) => process.stderr.write(`${terminalSafe(line)}\n`) : undefined,
  );
}

async function triage(argv: string[]): Promise<number> {
  const args = parseTriageArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const deadline = createDeadline(args.timeoutMs, '--timeout');
  let report;
  try {
    const source = await sourceFor(args, deadline.signal);
    const ws = await openTriageWorkspace({ dir: resolve(args.repo), trusted: true, mappings: args.maps });
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

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'triage') return await triage(rest);
    if (command === 'verify') return await verifyCommand(rest);
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}' (try: culprit triage --help)`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`culprit: ${terminalSafe(e.message)}\n`);
      return 2;
    }
    // One clear line, never a stack dump: the message already says what and how to fix it.
    process.stderr.write(`culprit: ${terminalSafe(messageOf(e))}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
