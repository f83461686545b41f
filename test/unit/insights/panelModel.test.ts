import assert from 'node:assert/strict';
import { hasIssueActions } from '../../../src/core/registry';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { toPanelModel } from '../../../src/core/insights/panelModel';
import { isSecretHeader } from '../../../src/core/insights/secretHeaders';
import type { ErrorSample } from '../../../src/core/model/group.types';
import { flattenFrames } from '../../../src/core/triage/frameSelection';

const raw = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'events', 'sentry-rest-event.json'), 'utf8'),
);

/** The captured event with credentials and hostile text added, as a compromised client could send. */
function hostileSample(): ErrorSample {
  const event = decodeSentryRestEvent(raw);
  event.request = {
    ...(event.request ?? { method: 'POST', url: null, query: null, data: null, headers: [] }),
    url: 'https://admin:hunter2@shop.example/api/orders?api_key=abc123&page=2',
    headers: [
      ...(event.request?.headers ?? []),
      ['Authorization', 'Bearer sk_live_1'],
      ['Cookie', 'sid=2'],
      ['X-Auth-Token', 't'],
      ['x-session-id', 's'],
      ['X-Evil', '<img src=x onerror=alert(1)>'],
    ],
  };
  return {
    group: {
      id: '1001',
      title: '</script><script>alert(1)</script>',
      count: 3,
      userCount: 1,
      firstSeen: null,
      lastSeen: null,
      release: 'orders-api@1.5.0',
      firstRelease: null,
      environment: 'production',
      status: 'unresolved',
      url: 'javascript:alert(1)',
      source: 'sentry',
    },
    event,
    deploy: { to: null, from: null },
  };
}

/** An issue triaged over a deploy range, with no frames and these suspects. */
function rangedIssue<S>(suspects: S[]) {
  return {
    id: '1001',
    title: 't',
    count: null,
    firstSeen: null,
    lastSeen: null,
    release: null,
    url: null,
    deploy: { from: 'a'.repeat(40), to: 'b'.repeat(40), source: 'flag' as const },
    frames: [],
    suspects,
  };
}

describe('panel model', () => {
  it('strips credential headers and URL secrets from the real captured request', () => {
    const m = toPanelModel(hostileSample(), null);
    const names = m.request?.headers.map(([n]) => n.toLowerCase()) ?? [];
    assert.ok(names.includes('content-type') && names.includes('x-request-id'), names.join(','));
    for (const secret of ['authorization', 'cookie', 'x-auth-token', 'x-session-id'])
      assert.ok(!names.includes(secret), secret);
    assert.ok(!m.request?.url?.includes('hunter2'));
    assert.ok(m.request?.url?.includes('api_key=%5Bredacted%5D'), m.request?.url ?? '');
    assert.deepEqual(m.request?.query, [['source', 'checkout']]);
    assert.equal(m.request?.bodyIsJson, true);
    assert.match(m.request?.body ?? '', /\n {2}"customerId": "cus_42"/);
  });

  it('keeps hostile text as data and refuses non-http links', () => {
    const m = toPanelModel(hostileSample(), null);
    assert.equal(m.title, '</script><script>alert(1)</script>');
    assert.equal(m.providerUrl, null);
    assert.ok(m.request?.headers.some(([, v]) => v === '<img src=x onerror=alert(1)>'));
  });

  it('indexes frames in the triage order and attaches variables', () => {
    const sample = hostileSample();
    const m = toPanelModel(sample, null, { actionable: hasIssueActions(sample.group.source) });
    const flat = flattenFrames(sample.event.exceptions);
    assert.equal(m.frames.length, flat.length);
    m.frames.forEach((f, i) => assert.equal(f.index, i));
    assert.ok(
      m.frames.some((f) => f.vars.length > 0),
      'the captured event has local variables',
    );
    assert.equal(m.canCreateRegressionTest, true);
    assert.equal(m.actionable, true);
  });

  it('says why there are no suspects: the triage’s reason, a failed triage, or none found', () => {
    const issue = rangedIssue([]);
    const unavailable = { ...issue, suspectsUnavailable: 'suspects unavailable: git blame failed: fatal: bad object' };
    assert.equal(
      toPanelModel(hostileSample(), unavailable).suspectsNote,
      'unavailable: git blame failed: fatal: bad object',
    );
    assert.equal(
      toPanelModel(hostileSample(), issue).suspectsNote,
      'none found: no commit in the deploy range touches the stack',
    );
    assert.equal(
      toPanelModel(hostileSample(), null, { triageError: 'the 60 s deadline passed' }).suspectsNote,
      'not triaged: the 60 s deadline passed',
    );
    assert.equal(toPanelModel(hostileSample(), null).suspectsNote, null, 'still ranking');
  });

  it('lists every reason of a suspect: the links behind "and N more links" in its place', () => {
    const links = Array.from({ length: 120 }, (_, i) => `changed line ${i + 1} of src/a.js, its caller`);
    const suspect = {
      sha: 'c'.repeat(40),
      author: 'A <a@x>',
      date: '2026-10-14T00:00:00Z',
      summary: 's',
      score: 0.9,
      reasons: ['the crashing frame', 'and 2 more links to the stack', 'in the deploy range v1..v2 (3 commits)'],
      moreLinks: links.slice(0, 2),
    };
    const issue = rangedIssue([suspect]);
    assert.deepEqual(toPanelModel(hostileSample(), issue).suspects[0].reasons, [
      'the crashing frame',
      links[0],
      links[1],
      'in the deploy range v1..v2 (3 commits)',
    ]);
    // A commit linked to the stack a hundred times over: the panel stays bounded and says where the rest are.
    const many = { ...suspect, reasons: ['and 120 more links to the stack'], moreLinks: links };
    const shown = toPanelModel(hostileSample(), { ...issue, suspects: [many] }).suspects[0].reasons;
    assert.equal(shown.length, 100);
    assert.equal(shown[98], links[98]);
    assert.equal(shown[99], 'and 21 more: the Suspects view lists every one');
  });

  it('classifies header names', () => {
    for (const n of ['Authorization', 'Proxy-Authorization', 'Set-Cookie', 'X-Api-Key', 'x-csrf-token', 'X-Secret'])
      assert.ok(isSecretHeader(n), n);
    for (const n of ['content-type', 'user-agent', 'x-request-id', 'accept']) assert.ok(!isSecretHeader(n), n);
  });
});

describe('panel model: how frames were placed', () => {
  it('words a frame placed through history, one changed after the deploy, and says nothing of a plain number', () => {
    const sample = hostileSample();
    const raw = flattenFrames(sample.event.exceptions);
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const frame = (i: number) => ({
      file: 'src/x.js',
      line: 3,
      column: null,
      localLine: 3,
      function: 'f',
      inApp: true,
      raw: raw[i].raw,
      changedSince: null,
    });
    const issue = {
      id: '1001',
      title: 't',
      count: 3,
      firstSeen: null,
      lastSeen: null,
      release: null,
      url: null,
      deploy: { from: null, to: null, source: 'none' as const },
      suspects: [],
      frames: [
        { ...frame(0), placedBy: 'history' as const, placedAt: sha },
        {
          ...frame(1),
          placedBy: 'line-number' as const,
          changedSince: { sha, summary: 'Guard the field', author: 'A <a@x>', date: '2026-01-01T00:00:00Z' },
        },
      ],
    };
    const m = toPanelModel(sample, issue);
    assert.match(
      m.frames[0].placement ?? '',
      /^placed by its line text at a1b2c3d: the deployed file no longer holds it/,
    );
    assert.equal(m.frames[0].changed, null);
    assert.equal(m.frames[1].placement, null, 'the reported number goes without saying');
    assert.match(m.frames[1].changed ?? '', /^changed after deploy by a1b2c3d Guard the field/);
  });
});
