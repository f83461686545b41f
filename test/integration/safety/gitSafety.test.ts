/**
 * Git safety with real git and real temp repositories: frame paths never become options or shell
 * code (every path follows `--`, checked by a logging wrapper around the real git), a repository
 * whose config would run a program runs nothing in an untrusted workspace, and a missing or too
 * old git gives a clear typed message. The wrapper is a real shell script that execs /usr/bin/git.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { openRepo } from '../../../src/core/git/gitRepo';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { CulpritError } from '../../../src/core/errors';
import { rejection } from '../../helpers/rejection';
import { runTriageCli } from '../../helpers/demoScenario';
import { createTempRepo, makeTempDir, cleanupTempDirs, type TempRepo } from '../../helpers/gitRepo';

const REAL_GIT = fs.existsSync('/usr/bin/git') ? '/usr/bin/git' : 'git';
const HOSTILE = [
  '$(touch pwned)',
  '`touch pwned2`',
  '--output=x',
  '-O/tmp/evil',
  '--exec=touch pwned3',
  ';touch pwned4',
  '|touch pwned5',
];

/** A directory holding a `git` that logs its argv (NUL-separated, one call per line) and runs the real git. */
function gitWrapper(opts: { version?: string } = {}): { dir: string; calls: () => string[][] } {
  const dir = makeTempDir('culprit-gitwrap-');
  const log = path.join(dir, 'calls.log');
  const fake = opts.version ? `case "$*" in *version*) echo "git version ${opts.version}"; exit 0;; esac\n` : '';
  fs.writeFileSync(
    path.join(dir, 'git'),
    `#!/bin/sh\n{ for a in "$@"; do printf '%s\\0' "$a"; done; printf '\\n'; } >> '${log}'\n${fake}exec ${REAL_GIT} "$@"\n`,
    { mode: 0o755 },
  );
  const calls = (): string[][] =>
    fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\0').filter((_, i, a) => i < a.length - 1))
      : [];
  return { dir, calls };
}

/** A stack whose frames name `files` (inside the repo), as Node prints it. */
function nodeStack(files: string[]): string {
  return `Error: boom\n${files.map((f, i) => `    at f${i} (${f}:1:1)`).join('\n')}\n`;
}

describe('git safety', function () {
  this.timeout(20_000);
  let repo: TempRepo;
  const savedPath = process.env.PATH;
  before(() => {
    repo = createTempRepo();
    repo.write('src/app.js', 'module.exports = 1;\n');
    for (const h of HOSTILE) repo.write(`src/${h}.js`, 'module.exports = 2;\n');
    repo.commit('init');
    repo.write('src/app.js', 'module.exports = 3;\n');
    for (const h of HOSTILE) repo.write(`src/${h}.js`, 'module.exports = 4;\n');
    repo.commit('change');
  });
  afterEach(() => {
    process.env.PATH = savedPath;
  });
  after(() => {
    repo.cleanup();
    cleanupTempDirs();
  });

  it('frame paths that look like options or shell code are passed after `--` and run nothing', async () => {
    const wrap = gitWrapper();
    process.env.PATH = `${wrap.dir}${path.delimiter}${savedPath}`;
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const files = HOSTILE.map((h) => `${repo.dir}/src/${h}.js`);
    const report = await runTriage(createFileSource(nodeStack(files)), ws, {
      limit: 1,
      deployFlag: 'HEAD~1..HEAD',
      suspectLimit: 5,
      blameFrames: 12,
    });
    assert.deepEqual(report.errors, []);
    // Resolved by name, and blamed: the change commit is the suspect.
    assert.deepEqual(
      report.issues[0].frames.map((f) => f.file),
      HOSTILE.map((h) => `src/${h}.js`),
    );
    assert.ok(report.issues[0].suspects.length > 0);
    for (const marker of ['pwned', 'pwned2', 'pwned3', 'pwned4', 'pwned5', 'x', '/tmp/evil']) {
      assert.ok(!fs.existsSync(path.resolve(repo.dir, marker)), `${marker} was created`);
    }
    const calls = wrap.calls();
    assert.ok(calls.length > 0, 'git ran through the wrapper');
    let pathArgs = 0;
    for (const argv of calls) {
      argv.forEach((a, i) => {
        if (!HOSTILE.some((h) => a.includes(h))) return;
        // `cat-file blob REV:path` names the path inside one revision argument, which git never parses as an option.
        if (/^[0-9a-f]{7,40}:/.test(a)) return;
        pathArgs++;
        const sep = argv.indexOf('--');
        assert.ok(sep >= 0 && sep < i, `path ${a} before \`--\` in: git ${argv.join(' ')}`);
      });
    }
    assert.ok(pathArgs >= HOSTILE.length, `only ${pathArgs} path arguments seen`);
  });

  it('the runner takes an argument array: a hostile string is one literal argument', async () => {
    const runner = createGitRunner({ cwd: repo.dir, trusted: true });
    const r = await openRepo(runner, repo.dir);
    await r.blameAt('HEAD', '--output=x', [[1, 1]]).catch((e: unknown) => assert.ok(CulpritError.is(e), String(e)));
    const out = await runner.run(['log', '--format=%s', '--', 'src/$(touch pwned).js']);
    assert.equal(out.trim(), 'change\ninit');
    assert.ok(!fs.existsSync(path.join(repo.dir, 'pwned')) && !fs.existsSync(path.join(repo.dir, 'x')));
    await rejection(runner.run('log; touch pwned' as unknown as string[])).then((e) =>
      assert.equal(e.reason, 'invalid-input'),
    );
  });

  describe('a repository whose config runs programs (core.fsmonitor, core.pager)', () => {
    let evil: TempRepo;
    let marker: string;
    before(() => {
      evil = createTempRepo();
      evil.write('src/app.js', 'x\n');
      evil.commit('init');
      const dir = makeTempDir('culprit-evil-');
      marker = path.join(dir, 'MARKER');
      const hook = path.join(dir, 'hook.sh');
      fs.writeFileSync(hook, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat >/dev/null 2>&1\nexit 0\n`, { mode: 0o755 });
      evil.git(['config', 'core.fsmonitor', hook]);
      evil.git(['config', 'core.pager', hook]);
    });
    after(() => evil.cleanup());
    beforeEach(() => fs.rmSync(marker, { force: true }));

    it('the hook really runs when git is used naively (so the next tests can fail)', () => {
      evil.git(['status']);
      assert.ok(fs.existsSync(marker), 'fsmonitor hook did not run: this check proves nothing');
    });

    it('untrusted: no git process starts at all, and the triage still resolves frames', async () => {
      const wrap = gitWrapper();
      process.env.PATH = `${wrap.dir}${path.delimiter}${savedPath}`;
      const ws = await openTriageWorkspace({ dir: evil.dir, trusted: false });
      assert.equal(ws.git, null);
      const report = await runTriage(createFileSource(nodeStack([`${evil.dir}/src/app.js`])), ws, {
        limit: 1,
        suspectLimit: 5,
        blameFrames: 12,
      });
      assert.equal(report.issues[0].frames[0].file, 'src/app.js');
      assert.deepEqual(report.issues[0].suspects, []);
      assert.deepEqual(wrap.calls(), [], 'git was started in an untrusted workspace');
      assert.ok(!fs.existsSync(marker));
      const e = await rejection(createGitRunner({ cwd: evil.dir, trusted: false }).run(['status']));
      assert.equal(e.reason, 'untrusted');
      assert.match(e.message, /untrusted workspace/);
      // A deploy range needs git: asked for in an untrusted folder, it is a typed refusal per issue.
      const withRange = await runTriage(createFileSource(nodeStack([`${evil.dir}/src/app.js`])), ws, {
        limit: 1,
        deployFlag: 'HEAD~1..HEAD',
        suspectLimit: 5,
        blameFrames: 12,
      });
      assert.match(withRange.errors[0]?.message ?? '', /needs git, which is not run in an untrusted workspace/);
    });

    it('trusted: the pinned config keeps the hooks from running during a full triage', async () => {
      const ws = await openTriageWorkspace({ dir: evil.dir, trusted: true });
      const report = await runTriage(createFileSource(nodeStack([`${evil.dir}/src/app.js`])), ws, {
        limit: 1,
        suspectLimit: 5,
        blameFrames: 12,
      });
      assert.deepEqual(report.errors, []);
      assert.ok(report.issues[0].suspects.length > 0);
      assert.ok(!fs.existsSync(marker), `a hook ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
    });
  });

  it('a missing git gives git-missing with a clear message (core and CLI)', async () => {
    const empty = makeTempDir('culprit-nogit-');
    process.env.PATH = empty;
    const e = await rejection(createGitRunner({ cwd: repo.dir, trusted: true }).run(['status']));
    assert.equal(e.reason, 'git-missing');
    assert.equal(e.message, 'git was not found on PATH. Install git (2.20 or newer) to rank suspect commits.');
    process.env.PATH = savedPath;
    const stack = path.join(empty, 'stack.txt');
    fs.writeFileSync(stack, nodeStack([`${repo.dir}/src/app.js`]));
    const cli = await runTriageCli(['--event', stack, '--repo', repo.dir], { PATH: empty });
    assert.equal(cli.code, 1);
    assert.equal(
      cli.stderr.trim(),
      'culprit: git was not found on PATH. Install git (2.20 or newer) to rank suspect commits.',
    );
  });

  it("a git binary's version is asked once, and again when the binary changes", async () => {
    const wrap = gitWrapper();
    const versions = () => wrap.calls().filter((c) => c[c.length - 1] === 'version').length;
    const run = () =>
      createGitRunner({ cwd: repo.dir, trusted: true, binary: path.join(wrap.dir, 'git') }).run(['status']);
    await run();
    await run();
    assert.equal(versions(), 1, 'a second runner with the same git remembers its version');
    const file = path.join(wrap.dir, 'git');
    fs.appendFileSync(file, '# upgraded\n');
    await run();
    assert.equal(versions(), 2, 'a changed binary is asked again');
  });

  it('a too-old git gives git-missing naming both versions', async () => {
    const old = gitWrapper({ version: '2.10.0' });
    const e = await rejection(
      createGitRunner({ cwd: repo.dir, trusted: true, binary: path.join(old.dir, 'git') }).run(['status']),
    );
    assert.equal(e.reason, 'git-missing');
    assert.equal(e.message, 'Culprit needs git 2.20 or newer; found 2.10.0. Please upgrade git.');
    assert.deepEqual(
      old.calls().map((c) => c[c.length - 1]),
      ['version'],
      'nothing but the version check ran',
    );
  });
});
