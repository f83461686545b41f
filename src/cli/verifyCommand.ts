/**
 * `culprit verify`: the triage's inputs plus a reproduction; bisects the deploy range in a scratch
 * worktree and prints the verdict (JSON: the issue with `verification`). A progress line per step
 * goes to stderr; Ctrl-C stops the step's processes and removes the worktree.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CulpritError } from '../core/errors';
import type { TriagedIssue } from '../core/model';
import { shortSha } from '../core/present';
import { triageSample, openTriageWorkspace } from '../core/triage';
import { verifyIssue, type VerifyOptions, type VerifyProgress } from '../core/verify';
import { UsageError, parseTriageArgs } from './cliArgs';
import { sourceFor } from './triageCommand';

const VERIFY_USAGE = `Usage: culprit verify [triage inputs and options] [verify options]

Replays the failure at the deploy range's ends, then bisects its first-parent commits in a scratch
git worktree outside your checkout. Inputs are those of 'culprit triage' (--event FILE, --sentry, …).

Verify options:
  --repro CMD             the reproduction, run by /bin/sh in each step's worktree; {file} is the crash
                          frame's file, {test} the regression test Culprit writes from the request.
                          Without it: the regression test written from the failing request, run by the
                          repository's test framework against the server --serve starts; else a script
                          calling the crashing function with the event's local variables
  --serve CMD             starts the app the regression test replays the request against, with PORT
                          (and {port} in CMD) a free port (e.g. 'node server.js', 'npm start')
  --setup CMD             install step (e.g. 'npm ci --prefer-offline'); rerun only when a lockfile changes
  --build CMD             build step per commit; a failure skips the commit (as git bisect skip)
  --timeout S             per-step timeout in seconds (default 120)
  --budget S              whole-run budget in seconds (default 1800)
  --reruns N              run each step N more times; disagreement = flaky (default 0)
  --no-descend            test a merge as one step only (default: descend into the merged branch)
  --check-fix             also run the reproduction on HEAD and on the working tree ("is it fixed?")
  --issue ID              which listed issue to verify (default: the first)

Exit codes: 0 confirmed, 3 not reproduced, 4 inconclusive, 1 error, 2 usage, 130 cancelled.`;

interface VerifyArgs {
  rest: string[];
  opts: Omit<VerifyOptions, 'trusted'>;
  issue: string | null;
}

function seconds(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt * 1000;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86400)
    throw new UsageError(`${name} takes seconds (1 to 86400), got '${v}'`);
  return n * 1000;
}

function parseVerifyArgs(argv: string[]): VerifyArgs {
  const mine = new Set(['--repro', '--serve', '--setup', '--build', '--timeout', '--budget', '--reruns', '--issue']);
  const flags = new Set(['--no-descend', '--check-fix']);
  const own: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].split('=')[0];
    if (mine.has(name)) {
      own.push(argv[i]);
      if (!argv[i].includes('=') && i + 1 < argv.length) own.push(argv[++i]);
    } else if (flags.has(argv[i])) own.push(argv[i]);
    else rest.push(argv[i]);
  }
  let v;
  try {
    v = parseArgs({
      args: own,
      options: {
        repro: { type: 'string' },
        serve: { type: 'string' },
        setup: { type: 'string' },
        build: { type: 'string' },
        timeout: { type: 'string' },
        budget: { type: 'string' },
        reruns: { type: 'string' },
        issue: { type: 'string' },
        'no-descend': { type: 'boolean' },
        'check-fix': { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const reruns = v.reruns === undefined ? 0 : Number(v.reruns);
  if (!Number.isInteger(reruns) || reruns < 0 || reruns > 5)
    throw new UsageError(`--reruns takes 0 to 5, got '${v.reruns}'`);
  return {
    rest,
    issue: v.issue ?? null,
    opts: {
      repro: v.repro,
      serve: v.serve,
      setup: v.setup,
      build: v.build,
      stepTimeoutMs: seconds(v.timeout, '--timeout', 120),
      budgetMs: seconds(v.budget, '--budget', 1800),
      reruns,
      descend: !v['no-descend'],
      checkFix: !!v['check-fix'],
    },
  };
}

function progressLine(p: VerifyProgress): string {
  const left = Math.round(p.msLeft / 1000);
  const last = p.last ? `; ${shortSha(p.last.sha)} was ${p.last.result}${p.last.note ? ` (${p.last.note})` : ''}` : '';
  const time = `${Math.floor(left / 60)} m ${left % 60} s left`;
  return `culprit: step ${p.step}/${p.maxSteps} ${p.phase} ${shortSha(p.sha)} (${time})${last}\n`;
}

const REPRODUCTION_KIND = {
  command: 'your command',
  'regression-test': 'the regression test written from the failing request',
  'call-script': "a call of the crashing function with the event's variables",
} as const;

function textOf(issue: TriagedIssue): string {
  const v = issue.verification;
  if (!v) return '';
  const kind = v.reproduction ? ` (${REPRODUCTION_KIND[v.reproduction]})` : '';
  const lines = [`${issue.title}`, `${v.status}: ${v.summary}`, `reproduction${kind}: ${v.command}`, ''];
  for (const s of v.steps)
    lines.push(
      `  ${shortSha(s.sha)}  ${s.result.padEnd(4)}  ${String(Math.round(s.ms)).padStart(6)} ms  ${s.note ?? ''}`,
    );
  lines.push(`${v.runs} reproduction run${v.runs === 1 ? '' : 's'}`);
  if (v.differs?.length)
    lines.push('', 'What production had that this reproduction does not:', ...v.differs.map((d) => `  - ${d}`));
  if (v.fixed) lines.push('', `Is it fixed? ${v.fixed.summary}`);
  if (issue.suspects[0]) lines.push('', `top suspect: ${shortSha(issue.suspects[0].sha)} ${issue.suspects[0].summary}`);
  return `${lines.join('\n')}\n`;
}

export async function verifyCommand(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  const { rest, opts, issue: wanted } = parseVerifyArgs(argv);
  const args = parseTriageArgs(rest);
  if (args === 'help') return 0;
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('culprit: cancelling: stopping the step and removing the scratch worktree…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const source = await sourceFor(args);
    const ws = await openTriageWorkspace({
      dir: resolve(args.repo),
      trusted: true,
      mappings: args.maps,
      requireGit: true,
    });
    const listed = await source.listSamples({ limit: args.limit, signal: controller.signal });
    const sample = wanted ? listed.samples.find((s) => s.group.id === wanted) : listed.samples[0];
    if (!sample)
      throw new CulpritError('not-found', wanted ? `no listed issue has the id ${wanted}` : 'no issue to verify');
    const triaged = await triageSample(sample, ws, {
      deployFlag: args.deploy ?? undefined,
      tagPattern: args.tagPattern ?? undefined,
      suspectLimit: 10,
      blameFrames: 12,
    });
    const verified = await verifyIssue(ws, sample.event, triaged, {
      ...opts,
      trusted: true,
      signal: controller.signal,
      // Where scratch worktrees go (tests, or a roomier disk than the temp folder).
      scratchRoot: process.env.CULPRIT_SCRATCH_DIR || undefined,
      onProgress: (p) => process.stderr.write(progressLine(p)),
    });
    process.stdout.write(
      args.json ? `${JSON.stringify({ issues: [verified], errors: [] }, null, 2)}\n` : textOf(verified),
    );
    const status = verified.verification?.status;
    return status === 'confirmed' ? 0 : status === 'not-reproduced' ? 3 : 4;
  } catch (e) {
    if (CulpritError.is(e, 'cancelled')) {
      process.stderr.write('culprit: verification cancelled; the scratch worktree was removed\n');
      return 130;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
