/**
 * Large inputs, measured: a 100 MB log with a stack near its end (through the file source and a
 * full triage), an event with 10k frames, and 5,000 issues from the Sentry stand-in. Memory is
 * bounded; time is printed for the record, not asserted (speed is `npm run bench`'s job).
 */
import assert from 'node:assert/strict';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { createSentrySource } from '../../../src/core/providers/sentry/sentrySource';
import { MAX_FRAMES } from '../../../src/core/decode/valueDecoder';
import { createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { startSentryStandIn } from '../../helpers/sentryStandIn';
import { readFixture } from '../../helpers/fixturesDir';

const STACK = readFixture('stacks', 'node-typeerror.txt');
const MB = 1024 * 1024;

interface Measure {
  ms: number;
  heapMB: number;
  rssMB: number;
}
async function measure<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; m: Measure }> {
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    const value = await fn();
    const after = process.memoryUsage();
    peakRss = Math.max(peakRss, after.rss);
    const m = {
      ms: Math.round(performance.now() - t0),
      heapMB: Math.round((after.heapUsed - before.heapUsed) / MB),
      rssMB: Math.round((peakRss - before.rss) / MB),
    };
    console.log(`      [measured] ${label}: ${m.ms} ms, heapUsed Δ ${m.heapMB} MB, peak rss Δ ${m.rssMB} MB`);
    return { value, m };
  } finally {
    clearInterval(sampler);
  }
}

describe('large inputs', function () {
  this.timeout(600_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo();
    repo.write('src/services/pricing.js', Array.from({ length: 20 }, (_, i) => `const l${i} = ${i};\n`).join(''));
    repo.write('src/routes/orders.js', 'module.exports = 1;\n'.repeat(10));
    repo.write('server.js', 'x;\n'.repeat(20));
    repo.commit('init');
  });
  after(() => repo.cleanup());

  it('a 100 MB log with a stack at 80%: found and triaged in bounded time and memory', async () => {
    const noise = (i: number): string =>
      `2026-11-24T20:30:${String(i % 60).padStart(2, '0')}.123Z INFO orders-api request ${i} handled in ${i % 97}ms user=u${i % 1000}\n`;
    const parts: string[] = [];
    let size = 0;
    let placed = false;
    for (let i = 0; size < 100 * MB; i++) {
      const line = !placed && size > 80 * MB ? ((placed = true), STACK) : noise(i);
      parts.push(line);
      size += line.length;
    }
    const text = parts.join('');
    parts.length = 0;
    assert.ok(text.length >= 100 * MB);
    const ws = await openTriageWorkspace({
      dir: repo.dir,
      trusted: true,
      mappings: [{ prod: '/tmp/culprit-crashes/app/node', local: '.' }],
    });
    const { value: report, m } = await measure('100 MB log → runTriage', () =>
      runTriage(createFileSource(text, 'big.log'), ws, { limit: 5, suspectLimit: 5, blameFrames: 12 }),
    );
    assert.deepEqual(report.errors, []);
    assert.equal(report.issues.length, 1);
    assert.match(report.issues[0].title, /TypeError: Cannot read properties of undefined \(reading 'price'\)/);
    assert.equal(report.issues[0].frames[0].file, 'src/services/pricing.js');
    assert.ok(m.rssMB < 1_024, `peak rss grew ${m.rssMB} MB`);
  });

  it('an event with 10k frames: capped, resolved and blamed in bounded time', async () => {
    const frames = Array.from({ length: 10_000 }, (_, i) => ({
      filename: i % 2 ? '/tmp/culprit-crashes/app/node/src/services/pricing.js' : `/srv/other/mod${i}.js`,
      function: `f${i}`,
      lineno: (i % 20) + 1,
      colno: 3,
      in_app: true,
    }));
    const event = {
      event_id: 'e'.repeat(32),
      platform: 'node',
      exception: { values: [{ type: 'TypeError', value: 'deep', stacktrace: { frames } }] },
    };
    const ws = await openTriageWorkspace({
      dir: repo.dir,
      trusted: true,
      mappings: [{ prod: '/tmp/culprit-crashes/app/node', local: '.' }],
    });
    const { value: report, m } = await measure('10k-frame event → runTriage', () =>
      runTriage(createFileSource(JSON.stringify(event)), ws, { limit: 1, suspectLimit: 5, blameFrames: 12 }),
    );
    assert.deepEqual(report.errors, []);
    assert.ok(report.issues[0].frames.length <= MAX_FRAMES, `${report.issues[0].frames.length} frames kept`);
    assert.ok(report.issues[0].frames.some((f) => f.file === 'src/services/pricing.js'));
    assert.ok(m.rssMB < 512, `peak rss grew ${m.rssMB} MB`);
  });

  it('5,000 issues from the Sentry stand-in: listed and sampled with bounded concurrency', async () => {
    const s = await startSentryStandIn({ issueCount: 5_000, token: 'tok' });
    try {
      const src = createSentrySource({ baseUrl: s.url, token: 'tok', org: 'acme', projects: ['orders-api'] });
      const { value: res, m } = await measure('5,000 Sentry issues → listSamples', () =>
        src.listSamples({ limit: 5_000 }),
      );
      assert.equal(res.failures.length, 0, res.failures[0]?.message);
      assert.equal(res.samples.length, 5_000);
      assert.equal(new Set(res.samples.map((x) => x.group.id)).size, 5_000);
      assert.equal(s.count('issues'), 50, 'pages of 100');
      assert.equal(s.count('event'), 5_000, 'one event request per issue, no retries');
      assert.ok(s.maxInFlight <= 4, `${s.maxInFlight} requests in flight at once`);
      assert.ok(m.rssMB < 1_024, `peak rss grew ${m.rssMB} MB`);
    } finally {
      await s.close();
    }
  });
});
