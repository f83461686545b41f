// 5. Provider listing: 100, 1,000 (and with BENCH_SENTRY_10K=1 10,000) issues from the local
// Sentry stand-in (its own process) answering every response after 50 ms, through
// createSentrySource().listSamples: pages of 100, each issue's latest event, the first 100 issues'
// details, the releases. The ideal for 4 requests in flight is requests / 4 × 50 ms, the requests
// counted at the stand-in. One row without latency keeps the client's own cost in view.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runNodeChild } from '../lib/child.mjs';
import { summarize } from '../lib/stats.mjs';

const IN_FLIGHT = 4;
const LATENCY_MS = 50;
const TARGET = 1.3;

function configs() {
  return [
    { issues: 1000, latencyMs: 0, runs: 3 },
    { issues: 100, latencyMs: LATENCY_MS, runs: 3 },
    { issues: 1000, latencyMs: LATENCY_MS, runs: 2 },
    // 10,000 × 50 ms / 4 in flight is over two minutes at best: outside the default run's budget.
    ...(process.env.BENCH_SENTRY_10K === '1' ? [{ issues: 10_000, latencyMs: LATENCY_MS, runs: 1 }] : []),
  ];
}

function startStandIn(repoRoot, issues, latencyMs) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'bench/children/sentryStandInServer.mjs'),
      String(issues),
      String(latencyMs),
    ],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting = [];
  let buffered = '';
  child.stdout.on('data', (d) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('{')) waiting.shift()?.resolve(JSON.parse(line));
    }
  });
  const next = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  child.on('exit', (code) => waiting.forEach((w) => w.reject(new Error(`the Sentry stand-in exited (${code})`))));
  return next().then(({ url }) => ({
    url,
    stats: () => {
      const answer = next();
      child.stdin.write('stats\n');
      return answer;
    },
    stop: () => child.stdin.end(),
  }));
}

async function measureConfig(repoRoot, bundle, c, log) {
  const standIn = await startStandIn(repoRoot, c.issues, c.latencyMs);
  try {
    const before = await standIn.stats();
    const { result } = await runNodeChild(path.join(repoRoot, 'bench/children/sentryListChild.mjs'), [
      bundle,
      standIn.url,
      String(c.issues),
      String(c.runs),
    ]);
    const after = await standIn.stats();
    const requests = (after.requests - before.requests) / c.runs;
    const idealMs = (requests / IN_FLIGHT) * c.latencyMs;
    result.runs.forEach((r, i) =>
      log(
        `  ${c.issues} issues at ${c.latencyMs} ms, run ${i + 1}/${c.runs}: ${r.samples} samples, ${r.failures} failures in ${r.ms.toFixed(0)} ms` +
          (idealMs ? ` (${(r.ms / idealMs).toFixed(3)}× the ideal ${idealMs.toFixed(0)} ms)` : ''),
      ),
    );
    const routes = Object.entries(after.routes)
      .map(([k, n]) => `${k} ${(n - (before.routes[k] ?? 0)) / c.runs}`)
      .join(', ');
    return { ...c, runs: result.runs, requests, routes, idealMs, maxInFlight: after.maxInFlight };
  } finally {
    standIn.stop();
  }
}

export async function sentryCase({ repoRoot, bundle, log }) {
  const rows = [];
  for (const c of configs()) rows.push(await measureConfig(repoRoot, bundle, c, log));
  return formatSentry(rows);
}

const ms = (s) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

function slope(points) {
  const xs = points.map((p) => Math.log(p[0]));
  const ys = points.map((p) => Math.log(p[1]));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}

function formatSentry(rows) {
  const header = [
    'issues',
    'latency',
    'runs',
    'wall ms',
    'CPU ms',
    'requests per run',
    `ideal ms (requests / ${IN_FLIGHT} × latency)`,
    '÷ ideal',
    'most in flight',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const notes = [];
  for (const r of rows) {
    const wall = summarize(r.runs.map((x) => x.ms));
    const ratio = r.idealMs ? summarize(r.runs.map((x) => x.ms / r.idealMs)) : null;
    r.wall = wall;
    r.ratio = ratio;
    lines.push(
      `| ${[
        r.issues.toLocaleString('en'),
        `${r.latencyMs} ms`,
        r.runs.length,
        ms(wall),
        ms(summarize(r.runs.map((x) => x.cpuMs))),
        r.requests.toLocaleString('en'),
        r.idealMs ? r.idealMs.toFixed(0) : '',
        ratio ? `${ratio.median.toFixed(3)}×` : '',
        r.maxInFlight,
      ].join(' | ')} |`,
    );
    const bad = r.runs.find((x) => x.samples !== r.issues);
    if (bad)
      notes.push(
        `WARNING: ${r.issues} issues at ${r.latencyMs} ms: a run returned ${bad.samples} samples and ${bad.failures} failures (${bad.firstFailure}).`,
      );
  }
  const latent = rows.filter((r) => r.latencyMs === LATENCY_MS);
  const target = latent.find((r) => r.issues === 1000);
  return {
    id: 'sentry',
    title: `Provider listing: Sentry issues from the local stand-in at ${LATENCY_MS} ms a response, vs the ideal for ${IN_FLIGHT} requests in flight`,
    table: lines.join('\n'),
    rows: [],
    notes: [
      `\`createSentrySource().listSamples({ limit: issues })\` with the default HTTP concurrency (${IN_FLIGHT}), a fresh source per run, all runs in one process (the first is JIT-cold). The stand-in (test/helpers/sentryStandIn.ts, its own process) validates every body against the OpenAPI subset and answers each request \`latency\` after it arrived; it counts the requests and the most it saw in flight at once.`,
      `Requests per run, by route (${latent.map((r) => `${r.issues.toLocaleString('en')} issues: ${r.routes}`).join('; ')}). The ideal treats every request as if ${IN_FLIGHT} could always be in flight; the issue pages are a chain (each page's cursor comes from the one before), so a listing that fetches them first is above it by about their count × ${LATENCY_MS} ms × ${(IN_FLIGHT - 1) / IN_FLIGHT}.`,
      ...(latent.length >= 2
        ? [
            `Growth exponent by issues (slope of log wall time on log issues, ${LATENCY_MS} ms): ${slope(latent.map((r) => [r.issues, r.wall.median])).toFixed(2)}.`,
          ]
        : []),
      target
        ? `1,000 issues at ${LATENCY_MS} ms: ${target.ratio.median.toFixed(3)}× the ideal (target ≤ ${TARGET}×: ${target.ratio.median <= TARGET ? 'met' : '**missed**'}); at most ${target.maxInFlight} requests in flight (≤ ${IN_FLIGHT}: ${target.maxInFlight <= IN_FLIGHT ? 'met' : '**missed**'}).`
        : '',
      rows.some((r) => r.issues === 10_000)
        ? ''
        : `10,000 issues (≥ ${((10_200 / IN_FLIGHT) * LATENCY_MS) / 1000} s at best) run with \`BENCH_SENTRY_10K=1\`.`,
      ...notes,
    ].filter(Boolean),
  };
}
