import assert from 'node:assert/strict';
import { issueMarkdown, remoteFileUrl, remoteWebUrl } from '../../../src/core/present/issueMarkdown';
import type { ErrorSample } from '../../../src/core/model/group.types';
import type { TriagedIssue } from '../../../src/core/model/triage.types';

const sample = {
  group: {
    id: '1',
    title: 'TypeError: x [click](https://evil.example)',
    count: 12,
    userCount: null,
    firstSeen: null,
    lastSeen: null,
    release: 'orders-api@1.5.0',
    firstRelease: 'orders-api@1.5.0',
    environment: 'production',
    status: null,
    url: 'https://sentry.io/organizations/acme/issues/1/',
    source: 'sentry',
  },
  event: {
    exceptions: [{ type: 'TypeError', value: 'x [click](https://evil.example)', frames: [] }],
    message: null,
  },
  deploy: { to: null, from: null },
} as unknown as ErrorSample;

const issue = {
  deploy: { from: 'a', to: 'b', source: 'provider', guessed: false, label: 'v1.4.0..v1.5.0 (from Sentry deploys)' },
  frames: [
    { file: 'src/pricing.js', line: 15, localLine: 16, column: 3, function: 'applyDiscount', inApp: true, raw: '' },
    { file: null, line: 1, localLine: null, column: 1, function: 'x', inApp: false, raw: 'node:internal' },
  ],
  suspects: [
    {
      sha: '2b16db1'.padEnd(40, '0'),
      author: 'Ada <ada@x>',
      date: '2026-10-20T10:00:00Z',
      summary: 'Use loyalty rates',
      score: 0.9,
      reasons: ['changed the crashing line'],
    },
  ],
} as unknown as TriagedIssue;

describe('Copy as Markdown', () => {
  it('writes the issue, deploy, linked frames, suspects and verification', () => {
    const md = issueMarkdown(sample, issue, {
      fileLink: (p, l) => remoteFileUrl('https://github.com/acme/orders-api', p, l, 'main'),
      verification: { status: 'confirmed', commit: '2b16db1'.padEnd(40, '0'), command: 'npm test' },
    });
    assert.match(md, /Deploy: v1\\\.4\\\.0\\\.\\\.v1\\\.5\\\.0 \\\(from Sentry deploys\\\)/);
    assert.match(
      md,
      /\[` src\/pricing\.js:16 `\]\(https:\/\/github\.com\/acme\/orders-api\/blob\/main\/src\/pricing\.js#L16\)/,
    );
    assert.match(md, /1\. ` 2b16db1 ` Use loyalty rates — Ada, 2026-10-20 · 90%/);
    assert.match(md, / {3}- changed the crashing line/);
    assert.match(md, /\*\*Verification:\*\* confirmed ` 2b16db1 ` by replaying ` npm test `/);
    const outsideCode = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
    assert.ok(!/evil/.test(outsideCode), `server text never becomes a link:\n${outsideCode}`);
    assert.ok(!md.includes('node:internal'), 'library frames stay out');
  });

  it('builds web URLs only for known hosts', () => {
    assert.equal(remoteWebUrl('git@github.com:acme/orders-api.git'), 'https://github.com/acme/orders-api');
    assert.equal(remoteWebUrl('https://gitlab.com/g/sub/repo.git'), 'https://gitlab.com/g/sub/repo');
    assert.equal(remoteWebUrl('https://user@bitbucket.org/t/r'), 'https://bitbucket.org/t/r');
    assert.equal(remoteWebUrl('https://git.internal.example/acme/x.git'), null);
    assert.equal(remoteWebUrl('/srv/git/x.git'), null);
    assert.equal(
      remoteFileUrl('https://gitlab.com/g/r', 'a b.js', 3, 'abc'),
      'https://gitlab.com/g/r/-/blob/abc/a%20b.js#L3',
    );
  });
});
