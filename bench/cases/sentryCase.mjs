// 5. Provider listing: 1,000 issues from the local Sentry stand-in (its own process), paginated
// 100 per page, each issue's latest event fetched, through createSentrySource().listSamples.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runNodeChild } from '../lib/child.mjs';
import { summarize } from '../lib/stats.mjs';

const ISSUES = 1000;
const RUNS = 5;

function startStandIn(repoRoot) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench/children/sentryStandInServer.mjs'), String(ISSUES)],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the Sentry stand-in exited early (${code})`)));
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: JSON.parse(line).url, stop: () => child.stdin.end() });
    });
  });
}

export async function sentryCase({ repoRoot, bundle, log }) {
  const standIn = await startStandIn(repoRoot);
  try {
    const { result } = await runNodeChild(path.join(repoRoot, 'bench/children/sentryListChild.mjs'), [
      bundle,
      standIn.url,
      String(ISSUES),
      String(RUNS),
    ]);
    result.runs.forEach((r, i) =>
      log(`  run ${i + 1}/${RUNS}: ${r.samples} samples, ${r.failures} failures in ${r.ms.toFixed(0)} ms`),
    );
    const stat = summarize(result.runs.map((r) => r.ms));
    const bad = result.runs.find((r) => r.samples !== ISSUES);
    return {
      id: 'sentry',
      title: `Provider listing: ${ISSUES} Sentry issues from the local stand-in`,
      rows: [
        { name: `createSentrySource().listSamples({ limit: ${ISSUES} })`, stat },
        {
          name: '  per issue (issue + latest event + release lookup)',
          stat: { median: stat.median / ISSUES, min: stat.min / ISSUES, max: stat.max / ISSUES, n: stat.n },
        },
      ],
      notes: [
        `${RUNS} runs in one process, a fresh source each (the first is JIT-cold). The stand-in (test/helpers/sentryStandIn.ts) runs in its own process and validates every body against the OpenAPI subset; default HTTP concurrency (4).`,
        bad
          ? `WARNING: a run returned ${bad.samples} samples and ${bad.failures} failures (${bad.firstFailure}).`
          : `Every run returned ${ISSUES} samples, 0 failures.`,
      ],
    };
  } finally {
    standIn.stop();
  }
}
