/**
 * With no reproduction command, the regression test Culprit writes from the failing request is the
 * reproduction: written into each step's worktree and run by the repository's own test framework
 * (node:test, mocha, pytest, a curl replay) against the server `serve` starts on a free port. The verdict
 * stays structural: the server's logged TypeError from createOrder. Real repos, real runners.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { cleanupTempDirs } from '../../helpers/gitRepo';
import { buildOrderRepo, orderEvent } from '../../helpers/orderService';
import { checkoutState, triageFor } from '../../helpers/verifyRepo';

const PROJECT = path.resolve(__dirname, '../../..');
const NODE_MODULES = path.join(PROJECT, 'node_modules');

describe('verify without --repro: the regression test from the request, by the detected framework', function () {
  this.timeout(180_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  interface Case {
    name: string;
    files: Record<string, string>;
    runner: RegExp;
    setup?: string;
    lang?: 'js' | 'py';
  }
  const cases: Case[] = [
    {
      name: 'node:test',
      files: { 'package.json': '{ "name": "shop", "private": true, "scripts": { "test": "node --test test/" } }\n' },
      runner: /node-test: node --test 'test\/regression\/[\w-]+\.test\.js'/,
    },
    {
      name: 'mocha',
      files: {
        'package.json': '{ "name": "shop", "private": true, "devDependencies": { "mocha": "^10.0.0" } }\n',
        '.gitignore': 'node_modules\n',
      },
      runner: /mocha: npx --no-install mocha --exit 'test\/regression\/[\w-]+\.test\.js'/,
      // Offline: the project's own mocha stands in for `npm ci`.
      setup: `ln -s '${NODE_MODULES}' node_modules`,
    },
    {
      name: 'a curl replay (no framework named)',
      files: { 'package.json': '{ "name": "shop", "private": true }\n' },
      runner: /replay: sh 'test\/regression\/[\w-]+\.replay\.sh'/,
    },
    {
      name: 'pytest against a Python server',
      files: { 'requirements.txt': 'pytest\n' },
      runner: /pytest: python3 -m pytest -q -p no:cacheprovider 'tests\/regression\/test_\w+\.py'/,
      lang: 'py',
    },
  ];
  for (const c of cases) {
    it(`confirms the bug commit with ${c.name}, leaving the checkout untouched`, async function () {
      const lang = c.lang ?? 'js';
      if (lang === 'py' && spawnSync('python3', ['-c', 'import pytest']).status !== 0) this.skip();
      const { repo, bugSha } = buildOrderRepo(c.files, lang);
      const before = checkoutState(repo.dir);
      const { ws, event, issue } = await triageFor(repo.dir, orderEvent(lang), 'event.json', 'v1..v2');
      const serve = lang === 'js' ? 'node server.js' : 'python3 server.py';
      const out = await verifyIssue(ws, event, issue, {
        serve,
        setup: c.setup,
        trusted: true,
        scratchRoot: path.join(scratch, 'wt'),
      });
      const ver = out.verification!;
      assert.equal(ver.status, 'confirmed', `${ver.summary}\n${JSON.stringify(ver.steps, null, 1)}`);
      assert.equal(ver.commit, bugSha);
      assert.equal(ver.reproduction, 'regression-test');
      assert.match(ver.command, c.runner);
      assert.ok(ver.command.endsWith(`against '${serve}'`), ver.command);
      const frame = lang === 'js' ? /same TypeError at src\/orders\.js:4;/ : /same AttributeError at orders\.py:3;/;
      assert.match(ver.summary, frame);
      assert.ok(ver.runs <= Math.ceil(Math.log2(5)) + 2, `${ver.runs} runs`);
      assert.equal(out.suspects[0].sha, bugSha);
      assert.equal(checkoutState(repo.dir), before, 'the test was written only into the scratch worktrees');
    });
  }

  it('the built CLI takes --serve and says which reproduction ran, in text and in JSON', async () => {
    const { repo, bugSha } = buildOrderRepo({ 'package.json': '{ "name": "shop", "private": true }\n' });
    const eventFile = path.join(scratch, 'event.json');
    writeFileSync(eventFile, orderEvent());
    const cli = (extra: string[]) =>
      spawnSync(
        process.execPath,
        [
          path.join(PROJECT, 'dist', 'cli.js'),
          'verify',
          '--event',
          eventFile,
          '--repo',
          repo.dir,
          '--deploy',
          'v1..v2',
        ].concat(['--serve', 'node server.js'], extra),
        { encoding: 'utf8', env: { ...process.env, CULPRIT_SCRATCH_DIR: path.join(scratch, 'wt') } },
      );
    const text = cli([]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(
      text.stdout,
      /reproduction \(the regression test written from the failing request\): regression test /,
    );
    const json = cli(['--json']);
    assert.equal(json.status, 0, json.stderr);
    const ver = (JSON.parse(json.stdout) as { issues: Array<{ verification: Record<string, unknown> }> }).issues[0]
      .verification;
    assert.equal(ver.reproduction, 'regression-test');
    assert.equal(ver.commit, bugSha);
  });

  it('skips a step whose server never listens (exit 125, as git bisect run) instead of calling it good', async () => {
    const { repo } = buildOrderRepo({ 'package.json': '{ "name": "shop", "private": true }\n' });
    const { ws, event, issue } = await triageFor(repo.dir, orderEvent(), 'event.json', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, {
      serve: 'echo starting; exit 3',
      trusted: true,
      scratchRoot: path.join(scratch, 'wt'),
    });
    const ver = out.verification!;
    assert.equal(ver.status, 'inconclusive', ver.summary);
    assert.ok(ver.steps.length > 0 && ver.steps.every((s) => s.result === 'skip'), JSON.stringify(ver.steps));
    assert.match(ver.steps[0].note ?? '', /server command exited \(3\) before listening/);
  });

  it('without a server command and without local variables, says to pass --serve or --repro', async () => {
    const { repo } = buildOrderRepo({ 'package.json': '{ "name": "shop", "private": true }\n' });
    const { ws, event, issue } = await triageFor(repo.dir, orderEvent(), 'event.json', 'v1..v2');
    await assert.rejects(
      verifyIssue(ws, event, issue, { trusted: true, scratchRoot: path.join(scratch, 'wt') }),
      /--repro CMD.*--serve CMD/s,
    );
  });
});
