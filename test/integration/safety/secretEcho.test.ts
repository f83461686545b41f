/**
 * A configured token that comes back inside provider data is never shown: not in an issue title,
 * not in the event, not in a 401 body. Checked at the source (what the tree and panel get), and
 * through the CLI table and JSON, with the token as a canary searched in every output.
 */
import assert from 'node:assert/strict';
import { createSentrySource } from '../../../src/core/providers/sentry/sentrySource';
import { redactDeep } from '../../../src/core/providers/secretRedaction';
import { createRedactor } from '../../../src/core/http/secretRedactor';
import { CulpritError } from '../../../src/core/errors';
import { runTriageCli } from '../../helpers/demoScenario';
import { type SentryStandIn, startSentryStandIn } from '../../helpers/sentryStandIn';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const TOKEN = 'canarytok_ECHO_5e1d0c7a9b3f4e21_token';

describe('a token echoed in provider data is redacted everywhere', function () {
  this.timeout(120_000);
  let s: SentryStandIn;
  let repo: TempRepo;
  before(async () => {
    s = await startSentryStandIn({
      token: TOKEN,
      issueCount: 2,
      issueTitle: (i) =>
        `AuthError: curl -H "Authorization: Bearer ${TOKEN}" failed ${i} (${encodeURIComponent(TOKEN)})`,
    });
    repo = createTempRepo();
    repo.write('src/a.js', 'x\n');
    repo.commit('a');
    repo.write('src/a.js', 'y\n');
    repo.commit('b');
  });
  after(async () => {
    await s.close();
    repo.cleanup();
    cleanupTempDirs();
  });
  const source = () =>
    createSentrySource({
      baseUrl: s.url,
      token: TOKEN,
      org: 'acme',
      projects: ['orders-api'],
      http: { backoffBaseMs: 5 },
    });

  it('in an issue title: the listed samples (what the tree and panel show) carry no token', async () => {
    const res = await source().listSamples({ limit: 5 });
    assert.equal(res.samples.length, 2);
    const text = JSON.stringify(res, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
    assert.ok(!text.includes(TOKEN) && !text.includes(encodeURIComponent(TOKEN)), text.slice(0, 400));
    assert.match(res.samples[0].group.title, /Bearer \[redacted\]/);
  });

  it('in an issue title: the CLI table and JSON carry no token', async () => {
    const args = [
      '--sentry',
      '--url',
      s.url,
      '--org',
      'acme',
      '--project',
      'orders-api',
      '--repo',
      repo.dir,
      '--deploy',
      'HEAD~1..HEAD',
    ];
    for (const extra of [[], ['--json'], ['--json', '-v']]) {
      const r = await runTriageCli([...args, ...extra], { SENTRY_AUTH_TOKEN: TOKEN });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes('AuthError'), r.stdout.slice(0, 300));
      for (const out of [r.stdout, r.stderr]) assert.ok(!out.includes(TOKEN), `token in: ${out.slice(0, 400)}`);
    }
  });

  it('in a 401 body: the error names the failure, not the token', async () => {
    s.fault('issues', { status: 401, detail: `Invalid token ${TOKEN}`, times: 1 });
    const e = await source()
      .listSamples({ limit: 5 })
      .then(
        () => assert.fail('a 401 passed'),
        (x: unknown) => x,
      );
    assert.ok(CulpritError.is(e, 'auth'), String(e));
    for (const t of [e.message, JSON.stringify(e.details ?? {}), String(e.stack)]) assert.ok(!t.includes(TOKEN), t);
  });

  it('redactDeep walks objects, arrays and maps, and keeps other values', () => {
    const redact = createRedactor(['s3cr3t-value']);
    const out = redactDeep(
      { a: 's3cr3t-value', b: [1, 'x s3cr3t-value'], m: new Map([['k', 's3cr3t-value']]), n: null, d: 4 },
      redact,
    );
    assert.deepEqual(out, {
      a: '[redacted]',
      b: [1, 'x [redacted]'],
      m: new Map([['k', '[redacted]']]),
      n: null,
      d: 4,
    });
  });
});
