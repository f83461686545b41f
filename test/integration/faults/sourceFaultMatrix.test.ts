/**
 * The fault matrix through the source API, for Sentry and Datadog against their stand-ins: each
 * fault on the issue list (the whole source fails with a specific typed message) and on one
 * issue's event (that issue becomes a failure, the others are kept), with the requests counted
 * at the stand-in so a retry storm fails the test, and the canary secrets searched everywhere.
 */
import assert from 'node:assert/strict';
import { CulpritError } from '../../../src/core/errors';
import { rejection } from '../../helpers/rejection';
import { CANARIES, FAULTS, RIGS, type Stand } from './faultRigs';

describe('fault matrix through the source API', function () {
  this.timeout(120_000);
  const stands: Stand[] = [];
  const lines: string[] = [];
  const texts: string[] = [];
  const log = (l: string): void => void lines.push(l);
  afterEach(async () => {
    await Promise.all(stands.splice(0).map((s) => s.close()));
    for (const t of [...lines, ...texts])
      for (const c of CANARIES) assert.ok(!t.includes(c), `secret in: ${t.slice(0, 300)}`);
    lines.length = 0;
    texts.length = 0;
  });
  const errorTexts = (e: CulpritError): string[] => [e.message, JSON.stringify(e.details ?? {}), String(e.stack)];

  for (const rig of RIGS) {
    describe(rig.name, () => {
      const start = async (o?: { latencyMs?: number }): Promise<Stand> => {
        const s = await rig.start(o);
        stands.push(s);
        return s;
      };

      for (const fc of FAULTS) {
        it(`issue list: ${fc.name} → ${fc.reason}, with no storm`, async () => {
          const s = await start();
          s.fault(rig.listRoute, fc.fault(rig));
          const e = await rejection(rig.source(s.url, fc.http, log).listSamples({ limit: 3 }));
          texts.push(...errorTexts(e));
          assert.equal(e.reason, fc.reason, e.message);
          assert.match(e.message, fc.message(rig));
          const n = s.count(rig.listRoute);
          assert.ok(n >= 1 && n <= fc.maxRequests, `${n} requests to the issue list (at most ${fc.maxRequests})`);
          assert.equal(s.count(rig.itemRoute), 0, 'no event was asked for after the list failed');
        });

        it(`one issue's event: ${fc.name} → that issue fails, the others are kept`, async () => {
          const s = await start();
          const bad = rig.ids[1];
          s.fault(rig.itemRoute, { ...fc.fault(rig), issueId: bad });
          const run = rig.source(s.url, fc.http, log).listSamples({ limit: 3 });
          if (fc.reason === 'auth' || fc.reason === 'forbidden') {
            // Credentials that stop working stop the whole source: a per-issue failure would hide it.
            const e = await rejection(run);
            texts.push(...errorTexts(e));
            assert.equal(e.reason, fc.reason);
            assert.match(e.message, fc.message(rig));
            return;
          }
          const res = await run;
          texts.push(...res.failures.map((f) => f.message));
          const failed = res.failures.find((f) => f.issueId === bad);
          assert.ok(failed, `no failure for ${bad}: ${JSON.stringify(res.failures)}`);
          const want =
            fc.reason === 'not-found' && rig.name === 'Sentry'
              ? /Sentry issue 1001: no event found \(latest and recommended both answered 404\)/
              : fc.message(rig);
          assert.match(failed.message, want);
          const kept = res.samples.map((x) => x.group.id);
          if (fc.reason === 'rate-limited') {
            // A long rate limit pauses the client: later issues are skipped with the same reason, not hammered.
            for (const f of res.failures) assert.match(f.message, /\(429\)|rate limit/);
            assert.ok(!kept.includes(bad));
          } else {
            assert.deepEqual(
              kept,
              rig.ids.filter((id) => id !== bad),
            );
          }
          // Each good issue asks once (a Sentry 404 also tries the recommended event once).
          const budget =
            rig.ids.length - 1 + fc.maxRequests * (fc.reason === 'not-found' && rig.name === 'Sentry' ? 2 : 1);
          assert.ok(s.count(rig.itemRoute) <= budget, `${s.count(rig.itemRoute)} event requests (at most ${budget})`);
          assert.equal(s.count(rig.listRoute), 1);
        });
      }

      it('429 with a reset 1 s away: waits for it, retries once, and succeeds', async () => {
        const s = await start();
        s.fault(rig.listRoute, { status: 429, times: 1, headers: rig.resetHeader(1) });
        const t0 = Date.now();
        const res = await rig.source(s.url, { defaultRateLimitWaitMs: 0 }, log).listSamples({ limit: 3 });
        assert.deepEqual(
          res.samples.map((x) => x.group.id),
          rig.ids,
        );
        assert.equal(s.count(rig.listRoute), 2);
        assert.ok(Date.now() - t0 >= 900, `retried after ${Date.now() - t0} ms`);
      });

      it('a slow server (150 ms per response) is waited for, with one request per call', async () => {
        const s = await start({ latencyMs: 150 });
        const res = await rig.source(s.url, {}, log).listSamples({ limit: 3 });
        assert.deepEqual(
          res.samples.map((x) => x.group.id),
          rig.ids,
        );
        assert.equal(s.count(rig.listRoute), 1);
        assert.equal(s.count(rig.itemRoute), 3);
      });

      it('a 50 MB event under the default cap is read, within bounded memory', async () => {
        const s = await start();
        s.fault(rig.itemRoute, { body: 'huge', hugeBytes: 50 * 1024 * 1024, issueId: rig.ids[0] });
        global.gc?.();
        const before = process.memoryUsage();
        const res = await rig.source(s.url, { timeoutMs: 60_000 }, log).listSamples({ limit: 3 });
        const after = process.memoryUsage();
        assert.deepEqual(
          res.samples.map((x) => x.group.id),
          rig.ids,
        );
        // The decoded sample keeps nothing of the padding (strings are clamped).
        assert.ok(JSON.stringify(res.samples).length < 2 * 1024 * 1024);
        assert.ok(
          after.rss - before.rss < 1024 * 1024 * 1024,
          `rss grew ${Math.round((after.rss - before.rss) / 1e6)} MB`,
        );
      });
    });
  }
});
