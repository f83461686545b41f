// End to end from an ID to the bug commit: the demo service's real repository, its real 500
// captured with @sentry/node, served by the Sentry, Datadog and Bugsnag stand-ins in each one's
// own shape, and `culprit triage --event-id` run from the build.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { startSentryStandIn, type SentryStandIn } from '../../helpers/sentryStandIn';
import { startDatadogStandIn, type DatadogStandIn } from '../../helpers/datadogStandIn';
import { bugsnagEventFromSentry, startBugsnagStandIn, type BugsnagStandIn } from '../../helpers/bugsnagStandIn';
import {
  projectRoot,
  runTriageCli as runCli,
  setUpDemo,
  tearDownDemo,
  v8StackOf,
  type DemoScenario,
  type SdkExceptionEvent,
} from '../../helpers/demoScenario';

const SENTRY_TOKEN = 'canarytok_EVENTID_sentry_91c2';
const BUGSNAG_TOKEN = 'bsgtok_EVENTID_CANARY_55ab01';
const DD_API = 'ddapi0eventid0canary00000000000000';
const DD_APP = 'ddapp0eventid0canary0000000000000000000000';
const SECRETS = [SENTRY_TOKEN, BUGSNAG_TOKEN, DD_API, DD_APP];

describe('culprit triage --event-id (real crash, real git, three providers)', function () {
  this.timeout(90_000);
  let demo: DemoScenario;
  let sentry: SentryStandIn;
  let datadog: DatadogStandIn;
  let bugsnag: BugsnagStandIn;
  const sha = (message: string) => demo.sha(message);
  const bugCommit = () => sha('Use loyalty programme rates for discounts');

  before(async () => {
    demo = await setUpDemo('culprit-eventid-e2e-');
    const converter = await import(path.join(projectRoot, 'scripts/fixtures/capture/sentryRestConverter.mjs'));
    [sentry, datadog, bugsnag] = await Promise.all([
      startSentryStandIn({
        issueCount: 3,
        token: SENTRY_TOKEN,
        event: converter.toRestEvent(demo.event),
        releases: [
          { version: 'orders-api@1.4.0', commit: sha('Release 1.4.0'), dateCreated: '2026-09-29T10:00:00Z' },
          { version: 'orders-api@1.5.0', commit: sha('Release 1.5.0'), dateCreated: '2026-10-21T09:00:00Z' },
        ],
      }),
      startDatadogStandIn({
        apiKey: DD_API,
        appKey: DD_APP,
        issues: [
          {
            id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900031',
            errorType: 'KeyError',
            errorMessage: "'ZZ9'",
            count: 3,
            requestId: 'req-0000',
            firstSeenVersion: '1.5.0',
            lastSeenVersion: '1.5.0',
          },
          {
            id: '5f8ebd5c-6dd9-11f0-8a28-da7ad0900030',
            errorType: 'TypeError',
            errorMessage: "Cannot read properties of undefined (reading 'discountRate')",
            stack: v8StackOf(demo.event as SdkExceptionEvent),
            count: 12,
            commit: sha('Release 1.5.0'),
            requestId: 'req-7c1d',
            firstSeenVersion: '1.5.0',
            lastSeenVersion: '1.5.0',
          },
        ],
      }),
      startBugsnagStandIn({
        token: BUGSNAG_TOKEN,
        errorCount: 4,
        event: bugsnagEventFromSentry(demo.event as Parameters<typeof bugsnagEventFromSentry>[0], {
          id: 'f'.repeat(24),
          errorId: 'e'.repeat(24),
          version: '1.5.0',
        }),
        releases: [
          { version: '1.4.0', commit: sha('Release 1.4.0'), releaseTime: '2026-09-29T10:00:00Z' },
          { version: '1.5.0', commit: sha('Release 1.5.0'), releaseTime: '2026-10-21T09:00:00Z' },
        ],
      }),
    ]);
  });
  after(() => tearDownDemo(demo, sentry, datadog, bugsnag));

  const env = { SENTRY_AUTH_TOKEN: SENTRY_TOKEN, BUGSNAG_TOKEN, DD_API_KEY: DD_API, DD_APP_KEY: DD_APP };
  const assertBugCommit = (r: { code: number | null; stdout: string; stderr: string }, deployFromProvider = true) => {
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.issues.length, 1);
    const issue = report.issues[0];
    if (deployFromProvider) {
      const { label, ...range } = issue.deploy;
      assert.deepEqual(range, {
        from: sha('Release 1.4.0'),
        to: sha('Release 1.5.0'),
        source: 'provider',
        guessed: false,
      });
      assert.match(label, /^v1\.4\.0\.\.v1\.5\.0 \(from (Sentry deploys|Datadog deploy tags|Bugsnag releases)\)$/);
    }
    assert.equal(issue.frames[0].file, 'src/services/pricing.js');
    assert.equal(issue.frames[0].localLine, 15);
    assert.equal(issue.suspects[0].sha, bugCommit());
    for (const s of SECRETS) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'a secret reached the output');
    return issue;
  };

  it('Sentry: an event ID goes through eventids to its issue and the bug commit', async () => {
    const eventId = '1001'.padStart(32, 'e');
    const r = await runCli(
      ['--sentry', '--url', sentry.url, '--org', 'acme', '--event-id', eventId, '--repo', demo.repo, '--json'],
      env,
    );
    const issue = assertBugCommit(r);
    assert.equal(issue.id, '1001');
    assert.ok(sentry.count('eventids') === 1 && sentry.count('issues') === 0);
  });

  it('Sentry: a short ID pasted from a link goes through shortids', async () => {
    const r = await runCli(
      ['--sentry', '--url', sentry.url, '--org', 'acme', '--event-id', 'orders-api-2', '--repo', demo.repo, '--json'],
      env,
    );
    const issue = assertBugCommit(r);
    assert.equal(issue.id, '1002');
    assert.equal(sentry.count('shortids'), 1);
  });

  it('Datadog: a request ID finds the error span, and the deploy from its commit tag', async () => {
    const r = await runCli(
      [
        '--datadog',
        '--url',
        datadog.url,
        '--env',
        'production',
        '--event-id',
        'req-7c1d',
        '--repo',
        demo.repo,
        '--json',
      ],
      env,
    );
    assertBugCommit(r);
    const search = datadog.requests.find((q) => q.route === 'spans');
    assert.match(JSON.stringify(search?.body), /@http\.request_id:req-7c1d OR @correlation_id:req-7c1d/);
  });

  it('Bugsnag: an event ID, then the listing, both name the bug commit', async () => {
    const byId = await runCli(
      [
        '--bugsnag',
        '--url',
        bugsnag.url,
        '--project',
        bugsnag.projectId,
        '--event-id',
        bugsnag.eventId(2),
        '--repo',
        demo.repo,
        '--json',
      ],
      env,
    );
    assert.equal(assertBugCommit(byId).id, bugsnag.errorId(2));
    const list = await runCli(
      ['--bugsnag', '--url', bugsnag.url, '--project', 'orders-api', '--limit', '2', '--repo', demo.repo, '--json'],
      env,
    );
    assert.equal(list.code, 0, list.stderr);
    const report = JSON.parse(list.stdout);
    assert.equal(report.issues.length, 2);
    for (const issue of report.issues) assert.equal(issue.suspects[0].sha, bugCommit());
  });

  it('says in one line, without secrets, when an ID is unknown or the token is refused', async () => {
    const missing = await runCli(
      ['--sentry', '--url', sentry.url, '--org', 'acme', '--event-id', 'a'.repeat(32), '--repo', demo.repo],
      env,
    );
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^culprit: Sentry has no event a{32} in organization 'acme'/);
    const dd = await runCli(['--datadog', '--url', datadog.url, '--event-id', 'req-nope', '--repo', demo.repo], env);
    assert.equal(dd.code, 1);
    assert.match(dd.stderr, /Datadog found no error span or log with ID req-nope/);
    const refused = await runCli(
      [
        '--bugsnag',
        '--url',
        bugsnag.url,
        '--project',
        bugsnag.projectId,
        '--event-id',
        bugsnag.eventId(0),
        '--repo',
        demo.repo,
      ],
      { ...env, BUGSNAG_TOKEN: 'bsgtok_WRONG_EVENTID_CANARY' },
    );
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.match(refused.stderr, /BUGSNAG_TOKEN/);
    assert.ok(!refused.stderr.includes('WRONG_EVENTID'));
    const noToken = await runCli(['--bugsnag', '--project', 'x', '--repo', demo.repo], { ...env, BUGSNAG_TOKEN: '' });
    assert.match(noToken.stderr, /set BUGSNAG_TOKEN/);
  });
});
