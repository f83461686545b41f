// The release's `dist` survives decoding (with the release it names the uploaded source maps):
// top-level in both the REST event (the recorded ones carry `dist: null`) and the SDK payload.
import assert from 'node:assert/strict';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { recordedBody } from '../../helpers/recordedExchanges';
import { fixtureJson } from './eventFixtures';

describe('Sentry dist', () => {
  const rest = (): Record<string, unknown> =>
    recordedBody('sentry', 'getOrganizationIssueEvent--openapi-returnanissueevent');

  it('keeps a REST event’s dist as its dist tag, and adds none for the recorded dist: null', () => {
    assert.equal(decodeSentryRestEvent(rest()).tags.dist, undefined);
    assert.equal(decodeSentryRestEvent({ ...rest(), dist: 'web-42' }).tags.dist, 'web-42');
  });

  it('keeps an SDK event’s dist, and never overrides a dist tag the SDK set', () => {
    const sdk = fixtureJson('sentry-sdk-event.json');
    assert.equal(decodeSentrySdkEvent({ ...sdk, dist: '7' }).tags.dist, '7');
    assert.equal(decodeSentrySdkEvent({ ...sdk, dist: '7', tags: { dist: '8' } }).tags.dist, '8');
    assert.equal(decodeSentrySdkEvent({ ...sdk, dist: { evil: 1 } }).tags.dist, undefined);
  });
});
