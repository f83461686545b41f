import assert from 'node:assert/strict';
import { rejection } from '../../helpers/rejection';
import { acceptableRegionUrl } from '../../../src/core/providers/sentry/sentryApi';
import { useSentryRig } from '../../helpers/sentryRig';

const TOKEN = 'canarytok_CANARY_7f3a9c1e5b2d4f60_token';

describe('Sentry source against the stand-in', () => {
  const { start, source } = useSentryRig(TOKEN);

  it('lists issues with their latest event, counts as numbers and a deploy range from releases', async () => {
    const s = await start({ issueCount: 3, firstRelease: 'orders-api@1.4.0' });
    const res = await source(s, { suspects: true }).listSamples({ limit: 10 });
    assert.deepEqual(res.failures, []);
    assert.equal(res.samples.length, 3);
    const g = res.samples[0].group;
    assert.equal(g.id, '1000');
    assert.equal(g.count, 10);
    assert.equal(g.source, 'sentry');
    assert.equal(g.release, 'orders-api@1.5.0');
    assert.ok(g.url?.includes('/issues/1000/'));
    assert.deepEqual(res.samples[0].deploy, { to: 'b'.repeat(40), from: 'a'.repeat(40) });
    assert.ok(res.samples[0].event.exceptions.length > 0, 'event decoded with exceptions');
    const issuesReq = s.requests.find((r) => r.route === 'issues');
    assert.deepEqual(issuesReq?.query.getAll('project'), ['11']);
    assert.equal(issuesReq?.query.get('environment'), 'production');
    assert.equal(issuesReq?.query.get('query'), 'is:unresolved issue.category:error level:[error,fatal]');
    assert.equal(issuesReq?.query.get('statsPeriod'), '14d');
    assert.equal(
      s.requests.find((r) => r.route === 'event')?.path,
      '/api/0/organizations/acme/issues/1000/events/latest/',
    );
    assert.equal(res.sentrySuspects.get('1000')?.[0].sha, 'c'.repeat(40));
    assert.equal(res.sentrySuspects.get('1000')?.[0].summary, 'Refactor totals');
    // The release and its previous one, asked with ?project= (prevReleaseVersion), and the
    // previous one's deploys: once for three issues of the same release, no org-wide release list.
    assert.deepEqual(
      s.requests.filter((r) => r.route === 'release').map((r) => [r.path, r.query.get('project')]),
      [
        ['/api/0/organizations/acme/releases/orders-api%401.5.0/', '11'],
        ['/api/0/organizations/acme/releases/orders-api%401.4.0/', '11'],
      ],
    );
    assert.equal(s.count('deploys'), 1);
    assert.equal(s.count('releases'), 0);
    // firstRelease comes from the issue details (the list has none).
    assert.equal(g.firstRelease, 'orders-api@1.4.0');
    assert.equal(s.count('issue'), 3);
  });

  it('starts the range at the previous release deployed to the same environment, past a staging-only one', async () => {
    const s = await start({
      issueCount: 1,
      releases: [
        { version: 'orders-api@1.4.0', commit: 'a'.repeat(40), dateCreated: '2026-11-20T10:00:00Z' },
        {
          version: 'orders-api@1.4.1-rc',
          commit: 'd'.repeat(40),
          dateCreated: '2026-11-22T10:00:00Z',
          environments: ['staging'],
        },
        { version: 'orders-api@1.5.0', commit: 'b'.repeat(40), dateCreated: '2026-11-24T10:00:00Z' },
      ],
    });
    const lines: string[] = [];
    const res = await source(s, { logger: (l) => lines.push(l) }).listSamples({ limit: 1 });
    assert.deepEqual(res.samples[0].deploy, { to: 'b'.repeat(40), from: 'a'.repeat(40) });
    assert.ok(lines.some((l) => /orders-api@1\.4\.1-rc was never deployed to production/.test(l)));
    // A staging triage starts at the staging release instead.
    const staging = await source(s, { environment: 'staging' }).listSamples({ limit: 1 });
    assert.deepEqual(staging.samples[0].deploy, { to: 'b'.repeat(40), from: 'd'.repeat(40) });
  });

  it('follows Link cursors over several pages and stops at the limit', async () => {
    const s = await start({ issueCount: 250 });
    const res = await source(s).listSamples({ limit: 230 });
    assert.equal(res.samples.length, 230);
    assert.equal(s.count('issues'), 3);
    assert.deepEqual(
      s.requests.filter((r) => r.route === 'issues').map((r) => r.query.get('cursor')),
      [null, '0:100:0', '0:200:0'],
    );
    assert.equal(new Set(res.samples.map((x) => x.group.id)).size, 230);
  });

  it('reports the total Sentry counts (X-Hits), capped at X-Max-Hits', async () => {
    const s = await start({ issueCount: 130 });
    const res = await source(s).listSamples({ limit: 20 });
    assert.equal(res.samples.length, 20);
    assert.deepEqual(res.total, { count: 130, capped: false });
    const many = await start({ issueCount: 1500 });
    assert.deepEqual((await source(many).listSamples({ limit: 1 })).total, { count: 1000, capped: true });
  });

  it("lists the org's releases of the project newest first, with their commits and dates", async () => {
    const s = await start({
      issueCount: 1,
      releases: [
        { version: 'orders-api@1.4.0', commit: 'a'.repeat(40), dateCreated: '2026-09-29T10:00:00Z' },
        { version: 'orders-api@1.5.0', commit: 'b'.repeat(40), dateCreated: '2026-10-21T09:00:00Z' },
      ],
    });
    const releases = await source(s).listReleases();
    assert.deepEqual(releases, [
      { version: 'orders-api@1.5.0', revision: 'b'.repeat(40), date: '2026-10-21T09:00:00Z' },
      { version: 'orders-api@1.4.0', revision: 'a'.repeat(40), date: '2026-09-29T10:00:00Z' },
    ]);
    assert.ok(s.requests.find((r) => r.route === 'releases')?.query.getAll('project').length, 'scoped to the project');
  });

  it('stops when the next link says results="false"', async () => {
    const s = await start({ issueCount: 7 });
    const res = await source(s).listSamples({ limit: 100 });
    assert.equal(res.samples.length, 7);
    assert.equal(s.count('issues'), 1);
  });

  it('keeps at most 4 requests in flight', async () => {
    const s = await start({ issueCount: 20, latencyMs: 15 });
    const res = await source(s).listSamples({ limit: 20 });
    assert.equal(res.samples.length, 20);
    assert.ok(s.maxInFlight <= 4 && s.maxInFlight >= 2, `max in flight ${s.maxInFlight}`);
  });

  it('a region URL on the same host but another port gets no request (an origin is scheme, host and port)', async () => {
    const region = await start({ issueCount: 2 });
    const control = await start({ regionUrl: region.url, issueCount: 1 });
    const lines: string[] = [];
    const res = await source(control, { logger: (l) => void lines.push(l) }).listSamples({ limit: 5 });
    assert.equal(res.samples.length, 1);
    assert.equal(region.requests.length, 0, 'the token went to another origin on the same host');
    assert.equal(control.count('issues'), 1);
    assert.ok(lines.some((l) => l.includes('ignoring region URL')));
  });

  it('follows a region URL on the configured origin', async () => {
    const control = await start({ issueCount: 2 });
    const res = await source(control).listSamples({ limit: 5 });
    assert.equal(res.samples.length, 2);
    assert.equal(control.count('issues'), 1);
  });

  it('ignores a region URL on a foreign host (the token stays on the configured one)', async () => {
    const control = await start({ regionUrl: 'http://sentry-web.internal:9000', issueCount: 1 });
    const res = await source(control).listSamples({ limit: 5 });
    assert.equal(res.samples.length, 1);
    assert.equal(control.count('issues'), 1);
    assert.equal(acceptableRegionUrl('https://sentry.io', 'https://de.sentry.io'), 'https://de.sentry.io');
    assert.equal(acceptableRegionUrl('https://us.sentry.io', 'https://de.sentry.io/'), 'https://de.sentry.io');
    assert.equal(acceptableRegionUrl('https://sentry.io', 'http://us.sentry.io'), null);
    assert.equal(acceptableRegionUrl('https://sentry.acme.dev', 'https://evil.example'), null);
    assert.equal(acceptableRegionUrl('https://sentry.acme.dev', 'https://sentry.acme.dev:8443'), null);
    assert.equal(
      acceptableRegionUrl('https://sentry.acme.dev', 'https://sentry.acme.dev:443/x'),
      'https://sentry.acme.dev',
    );
    assert.equal(acceptableRegionUrl('https://sentry.io', 'https://de.sentry.io:8443'), null);
    assert.equal(acceptableRegionUrl('http://sentry.io', 'http://de.sentry.io'), null);
  });

  it('resolves project slugs through the project list when org details omit them', async () => {
    const s = await start({ orgIncludesProjects: false, issueCount: 1 });
    const res = await source(s, { projects: ['billing'] }).listSamples({ limit: 5 });
    assert.equal(res.samples.length, 1);
    assert.equal(s.count('projects'), 1);
    assert.deepEqual(s.requests.find((r) => r.route === 'issues')?.query.getAll('project'), ['12']);
  });

  it('names the scopes on 401 and 403, the org on 404 and the unknown project', async () => {
    const s = await start();
    const e401 = await rejection(source(s, { token: 'wrong-token-value' }).listSamples({ limit: 1 }));
    assert.equal(e401.reason, 'auth');
    assert.match(e401.message, /org:read, project:read, event:read, project:releases/);
    const s403 = await start();
    s403.fault('issues', { status: 403 });
    const e403 = await rejection(source(s403).listSamples({ limit: 1 }));
    assert.equal(e403.reason, 'forbidden');
    assert.match(e403.message, /scopes org:read, project:read, event:read, project:releases/);
    const s404 = await start();
    s404.fault('org', { status: 404 });
    const e404 = await rejection(source(s404, { org: 'nope' }).listSamples({ limit: 1 }));
    assert.equal(e404.message, `Sentry organization 'nope' not found at ${s404.url}`);
    const eProj = await rejection(source(s, { projects: ['orders-api', 'ghost'] }).listSamples({ limit: 1 }));
    assert.equal(eProj.reason, 'not-found');
    assert.match(eProj.message, /project 'ghost' not found in organization 'acme' \(projects: orders-api, billing\)/);
    assert.ok(![e401, e403, e404, eProj].some((e) => e.message.includes(TOKEN)));
  });

  it('updates an issue with PUT', async () => {
    const s = await start();
    const r = await source(s).updateIssue('1001', { status: 'resolved', assignedTo: 'user:1' });
    assert.deepEqual(r, { id: '1001', status: 'resolved' });
    assert.equal(s.requests.at(-1)?.method, 'PUT');
  });
});
