// The contract with the real services: every request Culprit makes (listing, event by ID,
// deploy range) fits a recorded exchange's method and path template in
// <api-specs>/recorded/<provider>/, and every answer the stand-ins give has only key paths some
// recorded body of that operation has, or ones listed below with the official source that
// documents them. Where the spec subsets and the recordings disagree the recording wins
// (notes in test/fixtures/bugsnag/bugsnag-data-access-subset.json `x-notes-recordings-win`
// and in PROVIDER_NOTES below).
import assert from 'node:assert/strict';
import { createBugsnagSource } from '../../../src/core/providers/bugsnag/bugsnagSource';
import { createDatadogSource } from '../../../src/core/providers/datadog/datadogSource';
import { createDatadogInsights } from '../../../src/core/providers/datadog/datadogTagInsights';
import { lookupEventById } from '../../../src/core/providers/eventLookup';
import { createSentrySource } from '../../../src/core/providers/sentry/sentrySource';
import { startBugsnagStandIn } from '../../helpers/bugsnagStandIn';
import { startDatadogStandIn } from '../../helpers/datadogStandIn';
import { startSentryStandIn } from '../../helpers/sentryStandIn';
import { type RecordedProvider, recordedExchanges, recordedFor, unrecordedKeys } from '../../helpers/recordedExchanges';
import { DOCUMENTED, UNRECORDED_ENDPOINTS } from './documentedFields';

/** Values that are data, not API shape: tags, variables, contexts' contents, custom attributes, code lines. */
const FREE_FORM =
  /(^|\.)(code|custom|tags|vars|metaData|customDiagnostics|headers|attributes\.attributes|contexts|entries\[\]\.data\.data|breadcrumbs\[\]\.metaData|values\[\]\.data)$/;

/**
 * Operations whose recorded answer is a summary while Culprit asks for the full form: Bugsnag's
 * events list with `full_reports=true` answers full events (SmartBear/smartbear-mcp
 * `get-error.ts` reads stacktraces from it), shaped as `viewEventById` / `viewLatestEventOnError`.
 */
const bodiesOf = (provider: RecordedProvider, ...operations: string[]): unknown[] =>
  recordedExchanges(provider)
    .filter((x) => operations.includes(x.operation))
    .map((x) => x.body);
const SAME_SHAPE: Record<RecordedProvider, Array<[string, () => unknown[]]>> = {
  // The event-ID and short-ID lookups embed a whole event / issue (spec: resolveOrganizationEventId
  // `event`, resolveOrganizationShortId `group`), shaped as the event and issue endpoints answer.
  sentry: [
    ['resolveOrganizationEventId', () => bodiesOf('sentry', 'getOrganizationIssueEvent').map((event) => ({ event }))],
    [
      'resolveOrganizationShortId',
      () =>
        bodiesOf('sentry', 'getOrganizationIssue', 'listOrganizationIssues')
          .flat()
          .map((group) => ({ group })),
    ],
  ],
  datadog: [],
  bugsnag: [
    [
      'listEventsOnProject',
      () => bodiesOf('bugsnag', 'viewEventById', 'viewLatestEventOnError').map((event) => [event]),
    ],
  ],
};

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
}

/** Replays a request against the stand-in to read the body it answers with. */
async function bodyOf(base: string, r: Seen, headers: Record<string, string>): Promise<unknown> {
  const url = `${base}${r.path}${[...r.query].length ? `?${r.query.toString()}` : ''}`;
  const res = await fetch(url, {
    method: r.method,
    headers: { 'content-type': 'application/json', ...headers },
    body: r.body === undefined || r.body === null ? undefined : JSON.stringify(r.body),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

function assertExercised(exercised: Set<string>, expected: string[]): void {
  for (const op of expected) assert.ok(exercised.has(op), `${op} not exercised: ${[...exercised].join(', ')}`);
}

/** Checks one provider's requests and answers; returns the operations exercised. */
async function checkContract(
  provider: RecordedProvider,
  base: string,
  seen: Seen[],
  headers: Record<string, string>,
): Promise<Set<string>> {
  const operations = new Set<string>();
  const problems: string[] = [];
  const dedup = new Map<string, Seen>();
  for (const r of seen) dedup.set(`${r.method} ${r.path}`, r);
  for (const r of dedup.values()) {
    const recorded = recordedFor(provider, r.method, r.path).filter((x) => x.status === null || x.status < 300);
    const documented = UNRECORDED_ENDPOINTS[provider].find((x) => x.method === r.method && x.pattern.test(r.path));
    if (recorded.length === 0) {
      if (!documented) problems.push(`${r.method} ${r.path}: no recorded exchange has this method and path template`);
      continue;
    }
    operations.add(recorded[0].operation);
    const body = await bodyOf(base, r, headers);
    const shapes = recorded.map((x) => x.body);
    for (const [op, also] of SAME_SHAPE[provider]) if (recorded[0].operation === op) shapes.push(...also());
    const allowed = DOCUMENTED[provider];
    const extra = unrecordedKeys(
      body,
      shapes,
      (k) => allowed.some((a) => a.path.test(k)),
      (parent) => FREE_FORM.test(parent),
    );
    for (const k of extra)
      problems.push(
        `${r.method} ${r.path}: the stand-in answers "${k}", which no recorded ${recorded[0].operation} body has`,
      );
  }
  assert.deepEqual(problems, []);
  return operations;
}

describe('provider contract against the recorded exchanges', function () {
  this.timeout(120_000);

  it('Sentry: issue list, issue details, latest event, release, deploys, event by ID and short ID', async () => {
    const s = await startSentryStandIn({ token: 'ctok', issueCount: 2 });
    try {
      const options = { baseUrl: s.url, token: 'ctok', org: 'acme', projects: ['orders-api'] };
      const listed = await createSentrySource(options).listSamples({ limit: 2 });
      assert.equal(listed.samples.length, 2);
      await lookupEventById({ provider: 'sentry', options }, '1001'.padStart(32, 'e'));
      await lookupEventById({ provider: 'sentry', options }, 'ORDERS-API-1');
      const ops = await checkContract('sentry', s.url, s.requests, { Authorization: 'Bearer ctok' });
      assertExercised(ops, [
        'listOrganizationIssues',
        'getOrganizationIssue',
        'getOrganizationIssueEvent',
        'getOrganizationRelease',
        'listOrganizationReleaseDeploys',
        'resolveOrganizationEventId',
        'resolveOrganizationShortId',
      ]);
    } finally {
      await s.close();
    }
  });

  it('Datadog: issue search, span search by @issue.id, logs, and the metrics around an error', async () => {
    const s = await startDatadogStandIn();
    try {
      const base = { baseUrl: s.url, apiKey: 'k', appKey: 'a', service: 'orders-api' };
      const { samples } = await createDatadogSource(base).listSamples({ limit: 3 });
      assert.equal(samples.length, 3);
      assert.equal((await createDatadogSource({ ...base, track: 'logs' }).listSamples({ limit: 3 })).samples.length, 3);
      const metrics = await createDatadogInsights(base).resources(samples[0].event);
      assert.equal(metrics.series.length, 4, metrics.missing.join('; '));
      const ops = await checkContract('datadog', s.url, s.requests, { 'DD-API-KEY': 'k', 'DD-APPLICATION-KEY': 'a' });
      assertExercised(ops, ['SearchIssues', 'ListSpans', 'ListLogs', 'QueryMetrics']);
    } finally {
      await s.close();
    }
  });

  it('Bugsnag: project, error list, newest event per error, releases, event by ID', async () => {
    const s = await startBugsnagStandIn({ token: 'btok', errorCount: 2 });
    try {
      const src = createBugsnagSource({ baseUrl: s.url, token: 'btok', project: s.projectId });
      assert.equal((await src.listSamples({ limit: 2 })).samples.length, 2);
      await src.lookupEvent(s.eventId(1));
      const seen = s.requests.map((r) => ({ method: 'GET', path: r.path, query: r.query }));
      const ops = await checkContract('bugsnag', s.url, seen, { Authorization: 'token btok', 'X-Version': '2' });
      assertExercised(ops, [
        'getProject',
        'listProjectErrors',
        'listEventsOnProject',
        'listProjectReleases',
        'viewEventById',
        'viewErrorOnProject',
      ]);
    } finally {
      await s.close();
    }
  });
});
