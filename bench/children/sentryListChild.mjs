// Lists N issues (one issue page per 100, then each issue's latest event and its release) from
// the stand-in at <url>, several times with a fresh source each; wall and CPU (user+sys) per run.
// argv: <core bundle> <url> <N> <runs>.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [bundle, url, countArg, runsArg] = process.argv.slice(2);
const { createSentrySource } = createRequire(import.meta.url)(bundle);
const runs = [];
for (let i = 0; i < Number(runsArg); i++) {
  const source = createSentrySource({ baseUrl: url, token: 'bench-token', org: 'acme', projects: ['orders-api'] });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const list = await source.listSamples({ limit: Number(countArg) });
  const cpu = process.cpuUsage(c0);
  runs.push({
    ms: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    samples: list.samples.length,
    failures: list.failures.length,
    firstFailure: list.failures[0]?.message ?? null,
  });
}
process.stdout.write(`${JSON.stringify({ runs })}\n`);
