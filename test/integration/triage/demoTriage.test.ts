// End to end on the demo service: a real repository with a realistic history, a real @sentry/node
// event captured from the deployed revision, and the built CLI printing the JSON contract.
import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runTriageCli as runCli, setUpDemo, type DemoScenario } from '../../helpers/demoScenario';

describe('culprit triage on the demo service (real SDK event, real git)', function () {
  this.timeout(60_000);
  let demo: DemoScenario;
  let dir: string;
  let repo: string;
  let eventFile: string;
  let envelopeFile: string;

  before(async () => {
    demo = await setUpDemo('culprit-demo-');
    ({ dir, repo } = demo);
    eventFile = path.join(dir, 'event.json');
    envelopeFile = path.join(dir, 'envelope.txt');
    writeFileSync(eventFile, JSON.stringify(demo.event));
    writeFileSync(envelopeFile, demo.envelope);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const sha = (message: string) => demo.sha(message);

  for (const input of ['event', 'envelope'] as const) {
    it(`names the bug commit first from the SDK ${input}`, async () => {
      const r = await runCli(['--event', input === 'event' ? eventFile : envelopeFile, '--repo', repo, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.errors.length, 0);
      const issue = report.issues[0];
      assert.equal(issue.release, 'orders-api@1.5.0');
      assert.deepEqual(issue.deploy, {
        from: sha('Release 1.4.0'),
        to: sha('Release 1.5.0'),
        source: 'tags',
        guessed: false,
        label: 'v1.4.0..v1.5.0 (from tags: release orders-api@1.5.0)',
      });
      const top = issue.frames[0];
      assert.equal(top.file, 'src/services/pricing.js');
      assert.equal(top.function, 'applyDiscount');
      assert.equal(top.line, 9);
      assert.equal(top.inApp, true);
      // A post-deploy commit added 5 lines above and an uncommitted edit 1 more.
      assert.equal(top.localLine, 15);
      assert.equal(issue.suspects[0].sha, sha('Use loyalty programme rates for discounts'));
      assert.equal(issue.suspects[0].author, 'Linus Torvalds <linus@orders.example>');
      assert.match(
        issue.suspects[0].reasons[0],
        /changed line 15 \(deployed: 9\) of src\/services\/pricing\.js \(applyDiscount\), the crashing frame/,
      );
      // Every line a reason names is today's, with the deployed number beside it: the editor shows 15.
      const reasons = issue.suspects.flatMap((s: { reasons: string[] }) => s.reasons).join('\n');
      assert.ok(!/line 9 of /.test(reasons), reasons);
      assert.match(reasons, /which line 15 \(deployed: 9\) of applyDiscount reads/);
      assert.match(reasons, /line 16 \(deployed: 10\) of src\/services\/pricing\.js/);
      // Post-deploy commits are never suspects.
      const post = sha('Quote in the order currency');
      assert.ok(issue.suspects.every((s: { sha: string }) => s.sha !== post));
      assert.ok(issue.suspects.every((s: { score: number }) => s.score >= 0 && s.score <= 1));
      // Calibrated probabilities: best first, summing to at most 1 ("none of these" takes the rest).
      const ps = issue.suspects.map((s: { probability: number }) => s.probability);
      assert.deepEqual(
        [...ps].sort((a, b) => b - a),
        ps,
      );
      assert.ok(ps.reduce((a: number, b: number) => a + b, 0) <= 1.001);
      assert.ok(ps[0] > 0.5, `top probability ${ps[0]}`);
      assert.ok(['high', 'medium'].includes(issue.confidence), issue.confidence);
      assert.equal(issue.noSuspect, undefined);
    });
  }

  it('says how sure it is in the table', async () => {
    const r = await runCli(['--event', eventFile, '--repo', repo]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /suspects \((high|medium) confidence\):/);
    assert.match(r.stdout, /1\. [0-9a-f]{7} .* (?:\d+|>99|<1)%$/m);
  });

  it('uses --deploy over tags and says so', async () => {
    const r = await runCli(['--event', eventFile, '--repo', repo, '--deploy', 'v1.4.0..v1.5.0', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).issues[0].deploy.source, 'flag');
  });

  it('prints a readable table by default', async () => {
    const r = await runCli(['--event', eventFile, '--repo', repo]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /TypeError: Cannot read properties of undefined \(reading 'discountRate'\)/);
    assert.match(r.stdout, /1\. [0-9a-f]{7} Use loyalty programme rates for discounts/);
  });

  it('fails with one clear line for a folder that is not a git repository', async () => {
    const r = await runCli(['--event', eventFile, '--repo', dir]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^culprit: .*not .*git/m);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('fails with one clear line for an unreadable or unknown input', async () => {
    const missing = await runCli(['--event', path.join(dir, 'nope.json'), '--repo', repo]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /cannot read event file .*nope\.json: no such file/);
    const junk = path.join(dir, 'junk.txt');
    writeFileSync(junk, 'hello, nothing to see here\n');
    const unknown = await runCli(['--event', junk, '--repo', repo]);
    assert.notEqual(unknown.code, 0);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);
  });

  it('names a deploy revision missing from the clone and how to fetch it', async () => {
    const r = await runCli([
      '--event',
      eventFile,
      '--repo',
      repo,
      '--deploy',
      'v1.4.0..0123456789abcdef0123456789abcdef01234567',
      '--json',
    ]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /0123456789abcdef0123456789abcdef01234567/);
    assert.match(r.stderr, /git fetch/);
  });

  it('rejects bad flags with usage errors', async () => {
    assert.equal((await runCli(['--event', eventFile, '--limit', 'x'])).code, 2);
    assert.equal((await runCli(['--event', eventFile, '--deploy', 'v1'])).code, 2);
    assert.equal((await runCli([])).code, 2);
  });
});
