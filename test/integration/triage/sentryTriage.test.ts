// End to end through the Sentry API: a real repository, a real @sentry/node event of its 500
// converted to the REST shape, served by the spec-validated stand-in, triaged by the built CLI.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import {
  projectRoot,
  runTriageCli as runCli,
  setUpDemo,
  tearDownDemo,
  type DemoScenario,
} from '../../helpers/demoScenario';

const CANARY = 'canarytok_CANARY_TOKEN_5f1e0c9a';

describe('culprit triage --sentry against the stand-in (real SDK event, real git)', function () {
  this.timeout(60_000);
  let demo: DemoScenario;
  let repo: string;
  let standIn: SentryStandIn;
  const sha = (message: string) => demo.sha(message);

  before(async () => {
    demo = await setUpDemo('culprit-sentry-e2e-');
    repo = demo.repo;
    const converter = await import(path.join(projectRoot, 'scripts/fixtures/capture/sentryRestConverter.mjs'));
    standIn = await startSentryStandIn({
      issueCount: 3,
      token: CANARY,
      event: converter.toRestEvent(demo.event),
      releases: [
        { version: 'orders-api@1.4.0', commit: sha('Release 1.4.0'), dateCreated: '2026-09-29T10:00:00Z' },
        { version: 'orders-api@1.5.0', commit: sha('Release 1.5.0'), dateCreated: '2026-10-21T09:00:00Z' },
      ],
    });
  });
  after(() => tearDownDemo(demo, standIn));

  it('lists the issues and names the bug commit first, with the deploy range from Sentry releases', async () => {
    const r = await runCli(
      [
        '--sentry',
        '--url',
        standIn.url,
        '--org',
        'acme',
        '--project',
        'orders-api',
        '--repo',
        repo,
        '--limit',
        '3',
        '--json',
      ],
      { SENTRY_AUTH_TOKEN: CANARY },
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.issues.length, 3);
    for (const issue of report.issues) {
      assert.match(issue.url, /^https?:\/\//);
      assert.deepEqual(issue.deploy, {
        from: sha('Release 1.4.0'),
        to: sha('Release 1.5.0'),
        source: 'provider',
        guessed: false,
        label: 'v1.4.0..v1.5.0 (from Sentry deploys)',
      });
      assert.equal(issue.frames[0].file, 'src/services/pricing.js');
      assert.equal(issue.frames[0].localLine, 15);
      assert.equal(issue.suspects[0].sha, sha('Use loyalty programme rates for discounts'));
      // The runtime, OS, device and app contexts the real @sentry/node event carried.
      assert.deepEqual(
        issue.runtime.groups.map((g: { group: string }) => g.group),
        ['runtime', 'os', 'device', 'app'],
      );
      assert.deepEqual(issue.runtime.groups[0].rows[0], ['name', 'node']);
    }
    assert.ok(!r.stdout.includes(CANARY) && !r.stderr.includes(CANARY));
  });

  it('says which scopes a rejected token needs, in one line, without the token', async () => {
    const r = await runCli(
      ['--sentry', '--url', standIn.url, '--org', 'acme', '--project', 'orders-api', '--repo', repo],
      { SENTRY_AUTH_TOKEN: 'canarytok_WRONG_CANARY_1234' },
    );
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /event:read/);
    assert.ok(!r.stderr.includes('WRONG_CANARY'));
  });

  it('asks for the token when SENTRY_AUTH_TOKEN is not set', async () => {
    const r = await runCli(['--sentry', '--url', standIn.url, '--org', 'acme', '--repo', repo], {
      SENTRY_AUTH_TOKEN: '',
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /SENTRY_AUTH_TOKEN/);
  });
});
