// End to end through the Datadog API: a real repository, the deployed service's real crash as the
// span's error.stack, the deployed SHA in the span's git.commit.sha tag, triaged by the built CLI.
import { strict as assert } from 'node:assert';
import { startDatadogStandIn, type DatadogStandIn } from '../../helpers/datadogStandIn';
import {
  runTriageCli as runCli,
  setUpDemo,
  tearDownDemo,
  v8StackOf,
  type DemoScenario,
  type SdkExceptionEvent,
} from '../../helpers/demoScenario';

const API_CANARY = 'ddapi0canary0000000000000000000000';
const APP_CANARY = 'ddapp0canary000000000000000000000000000000';

describe('culprit triage --datadog against the stand-in (real crash, real git)', function () {
  this.timeout(60_000);
  let demo: DemoScenario;
  let repo: string;
  let standIn: DatadogStandIn;
  const sha = (message: string) => demo.sha(message);

  before(async () => {
    demo = await setUpDemo('culprit-dd-e2e-');
    repo = demo.repo;
    standIn = await startDatadogStandIn({
      apiKey: API_CANARY,
      appKey: APP_CANARY,
      issues: [
        {
          id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900020',
          errorType: 'TypeError',
          errorMessage: "Cannot read properties of undefined (reading 'discountRate')",
          stack: v8StackOf(demo.event as SdkExceptionEvent),
          count: 12,
          commit: sha('Release 1.5.0'),
          firstSeenVersion: '1.5.0',
          lastSeenVersion: '1.5.0',
        },
      ],
    });
  });
  after(() => tearDownDemo(demo, standIn));

  it('takes the deployed SHA from the span tag and names the bug commit first', async () => {
    const r = await runCli(
      ['--datadog', '--url', standIn.url, '--service', 'orders-api', '--env', 'production', '--repo', repo, '--json'],
      { DD_API_KEY: API_CANARY, DD_APP_KEY: APP_CANARY },
    );
    assert.equal(r.code, 0, r.stderr);
    const issue = JSON.parse(r.stdout).issues[0];
    assert.equal(issue.count, 12);
    assert.deepEqual(issue.deploy, {
      from: sha('Release 1.4.0'),
      to: sha('Release 1.5.0'),
      source: 'provider',
      guessed: false,
      label: 'v1.4.0..v1.5.0 (from Datadog deploy tags)',
    });
    assert.equal(issue.frames[0].file, 'src/services/pricing.js');
    assert.equal(issue.frames[0].localLine, 15);
    assert.equal(issue.suspects[0].sha, sha('Use loyalty programme rates for discounts'));
    for (const secret of [API_CANARY, APP_CANARY]) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));
  });

  it('names the site and the others when the keys are refused', async () => {
    const r = await runCli(['--datadog', '--url', standIn.url, '--service', 'orders-api', '--repo', repo], {
      DD_API_KEY: API_CANARY,
      DD_APP_KEY: 'wrong0app0key',
    });
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(!r.stderr.includes('wrong0app0key') && !r.stderr.includes(API_CANARY));
  });

  it('asks for the keys when they are not set', async () => {
    const r = await runCli(['--datadog', '--service', 'orders-api', '--repo', repo], {
      DD_API_KEY: '',
      DD_APP_KEY: '',
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /DD_API_KEY and DD_APP_KEY/);
  });
});
