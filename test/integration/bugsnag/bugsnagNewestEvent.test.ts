// The request for an error's newest event, exactly as the Bugsnag stand-in records it: the project's
// events endpoint (SmartBear's `listEventsOnProject`, the call its own client makes for "the latest
// event") with the error and release-stage filters and nothing else, never `/errors/{id}/latest_event`
// (which ignores the stage).
import assert from 'node:assert/strict';
import { createBugsnagSource } from '../../../src/core/providers/bugsnag/bugsnagSource';
import { type BugsnagStandIn, startBugsnagStandIn } from '../../helpers/bugsnagStandIn';

const TOKEN = 'bsgtok_newest_event_token';

/** The query's pairs in order of key, repeated keys kept. */
const pairs = (q: URLSearchParams): Array<[string, string]> =>
  [...q].sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));

function expected(errorId: string, stage: string | null): Array<[string, string]> {
  const stageFilter: Array<[string, string]> = stage
    ? [
        ['filters[app.release_stage][][type]', 'eq'],
        ['filters[app.release_stage][][value]', stage],
      ]
    : [];
  return pairs(
    new URLSearchParams([
      ['filters[error][][type]', 'eq'],
      ['filters[error][][value]', errorId],
      ...stageFilter,
      ['sort', 'timestamp'],
      ['direction', 'desc'],
      ['per_page', '1'],
      ['full_reports', 'true'],
    ]),
  );
}

describe('Bugsnag newest-event request', () => {
  let s: BugsnagStandIn | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  for (const [label, stage, sent] of [
    ['the default stage (production)', undefined, 'production'],
    ['a configured stage', 'staging-eu', 'staging-eu'],
    ['all stages (an empty stage): no stage filter', '', null],
  ] as const) {
    it(`asks the events endpoint once per error with exactly its parameters, for ${label}`, async () => {
      s = await startBugsnagStandIn({ token: TOKEN, errorCount: 2 });
      const stand = s;
      await createBugsnagSource({
        baseUrl: stand.url,
        token: TOKEN,
        project: stand.projectId,
        ...(stage === undefined ? {} : { stage }),
      }).listSamples({ limit: 2 });
      const events = stand.requests.filter((r) => r.route === 'events');
      assert.deepEqual(
        events.map((r) => r.path),
        [`/projects/${stand.projectId}/events`, `/projects/${stand.projectId}/events`],
      );
      assert.deepEqual(
        events.map((r) => JSON.stringify(pairs(r.query))).sort(),
        [0, 1].map((i) => JSON.stringify(expected(stand.errorId(i), sent))).sort(),
      );
      assert.equal(stand.count('latestEvent'), 0);
      assert.equal(stand.count('unknown'), 0);
    });
  }
});
