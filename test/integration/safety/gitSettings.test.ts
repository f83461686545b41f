/**
 * Git settings users really have must neither change what Culprit parses nor start a program.
 * One real repository with a bug commit; a clean triage is the reference. Then, one at a time,
 * each setting is configured (repository config, or the user's ~/.gitconfig through HOME) with a
 * program that writes a marker file and prints garbage: the triage must equal the reference and
 * the marker must not exist. A first check runs the same setting with plain git, proving the
 * program really runs there (so each test can fail).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runTriage } from '../../../src/core/triage/runTriage';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import type { TriageReport } from '../../../src/core/model/triage.types';
import {
  BOB,
  CAROL,
  cleanupTempDirs,
  createTempRepo,
  failingBlameGitDir,
  makeTempDir,
  type TempRepo,
} from '../../helpers/gitRepo';

const CART_V1 = [
  'function total(cart) {',
  '  let sum = 0;',
  '  for (const item of cart.items) {',
  '    sum += item.price * item.qty;',
  '  }',
  '  return sum;',
  '}',
  'module.exports = { total };',
  '',
].join('\n');

interface Setting {
  name: string;
  /** `git config` pairs; `PROG` is replaced by the marker program's path. */
  config: Array<[string, string]>;
  /** Where the settings go: the repository's own config, or the user's global file. */
  scope?: 'repo' | 'global';
  attributes?: string;
  /** Plain git that runs the program under this setting (proves the marker can appear). */
  naive?: string[];
}

const SETTINGS: Setting[] = [
  { name: 'diff.external', config: [['diff.external', 'PROG']], naive: ['diff', 'HEAD~2', 'HEAD'] },
  {
    name: 'diff.<driver>.command',
    config: [['diff.drv.command', 'PROG']],
    attributes: '*.js diff=drv\n',
    naive: ['diff', 'HEAD~2', 'HEAD'],
  },
  {
    name: 'diff.<driver>.textconv',
    config: [['diff.drv.textconv', 'PROG']],
    attributes: '*.js diff=drv\n',
    naive: ['blame', '--porcelain', 'HEAD', '--', 'src/cart.js'],
  },
  {
    name: 'filter clean/smudge',
    config: [
      ['filter.flt.clean', 'PROG'],
      ['filter.flt.smudge', 'PROG'],
    ],
    attributes: '*.js filter=flt\n',
    naive: ['diff', 'HEAD', '--', 'src/cart.js'],
  },
  {
    name: 'filter.process (broken, required)',
    config: [
      ['filter.flt.process', 'BROKEN'],
      ['filter.flt.required', 'true'],
    ],
    attributes: '*.js filter=flt\n',
    naive: ['diff', 'HEAD', '--', 'src/cart.js'],
  },
  { name: 'core.fsmonitor', config: [['core.fsmonitor', 'PROG']], naive: ['status'] },
  {
    name: 'core.pager',
    config: [
      ['core.pager', 'PROG'],
      ['pager.log', 'true'],
    ],
  },
  { name: 'core.hooksPath', config: [['core.hooksPath', 'HOOKS']] },
  {
    name: 'global blame.ignoreRevsFile naming a missing file',
    scope: 'global',
    config: [['blame.ignoreRevsFile', '.git-blame-ignore-revs']],
  },
  {
    name: 'blame.ignoreRevsFile naming a file outside the repository',
    config: [['blame.ignoreRevsFile', 'SECRET']],
  },
  {
    name: 'output-changing diff and log settings',
    scope: 'global',
    config: [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['diff.algorithm', 'patience'],
      ['diff.indentHeuristic', 'false'],
      ['diff.interHunkContext', '50'],
      ['color.ui', 'always'],
      ['color.diff', 'always'],
      ['log.showSignature', 'true'],
      ['log.decorate', 'full'],
      ['blame.showRoot', 'true'],
      ['blame.markIgnoredLines', 'true'],
      ['core.quotepath', 'true'],
    ],
  },
];

describe('git settings users have change nothing Culprit parses and run no program', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let tools: string;
  let marker: string;
  let prog: string;
  let broken: string;
  let home: string;
  let reference: TriageReport;
  const saved = { HOME: process.env.HOME, XDG: process.env.XDG_CONFIG_HOME };
  const stack = (): string =>
    `TypeError: Cannot read properties of undefined (reading 'price')\n    at total (${repo.dir}/src/cart.js:4:22)\n`;

  const triage = async (): Promise<TriageReport> => {
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    return runTriage(createFileSource(stack()), ws, {
      limit: 1,
      deployFlag: 'v1..v2',
      suspectLimit: 5,
      blameFrames: 12,
    });
  };

  before(async () => {
    repo = createTempRepo();
    repo.write('src/cart.js', CART_V1);
    repo.write('src/util.js', 'exports.id = (x) => x;\n');
    repo.commit('cart');
    repo.tag('v1');
    repo.write('src/cart.js', CART_V1.replace('item.price * item.qty', 'item.product.price * item.qty'));
    repo.commit('price from the product record', { author: BOB });
    repo.write('src/util.js', 'exports.id = (x) => x; // identity\n');
    repo.commit('comment util', { author: CAROL });
    repo.tag('v2');
    // An uncommitted edit above the crash: today's line differs, and git must read the working tree.
    repo.write('src/cart.js', `// total of a cart\n${repo.read('src/cart.js')}`);
    tools = makeTempDir('culprit-gitset-');
    marker = path.join(tools, 'MARKER');
    prog = path.join(tools, 'prog.sh');
    // Appends its argv to the marker, drains stdin and prints garbage.
    fs.writeFileSync(
      prog,
      `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat >/dev/null 2>&1\necho DIFFTASTIC-LIKE\nexit 0\n`,
      { mode: 0o755 },
    );
    // A long-running filter that dies at once, as a misconfigured git-lfs does.
    broken = path.join(tools, 'broken.sh');
    fs.writeFileSync(broken, `#!/bin/sh\necho "$0" >> '${marker}'\nexit 3\n`, { mode: 0o755 });
    fs.mkdirSync(path.join(tools, 'hooks'));
    for (const h of ['post-index-change', 'reference-transaction', 'post-checkout', 'pre-auto-gc']) {
      fs.writeFileSync(path.join(tools, 'hooks', h), `#!/bin/sh\necho "hook ${h}" >> '${marker}'\n`, { mode: 0o755 });
    }
    fs.writeFileSync(path.join(tools, 'secret.txt'), 'TOPSECRET-first-line\n');
    home = makeTempDir('culprit-gitset-home-');
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = path.join(home, '.config');
    reference = await triage();
    assert.deepEqual(reference.errors, []);
    assert.equal(reference.issues[0].suspects[0]?.summary, 'price from the product record');
    assert.equal(reference.issues[0].frames[0].localLine, 5);
  });

  after(() => {
    process.env.HOME = saved.HOME;
    if (saved.XDG === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved.XDG;
    repo.cleanup();
    cleanupTempDirs();
  });

  for (const s of SETTINGS) {
    describe(s.name, () => {
      const value = (v: string): string =>
        v
          .replace('PROG', prog)
          .replace('HOOKS', path.join(tools, 'hooks'))
          .replace('SECRET', path.join(tools, 'secret.txt'))
          .replace('BROKEN', broken);
      const gitConfig = (args: string[]): void => {
        if (s.scope === 'global')
          execFileSync('git', ['config', '--global', ...args], { env: { ...process.env, HOME: home } });
        else repo.git(['config', ...args]);
      };
      before(() => {
        for (const [k, v] of s.config) gitConfig([k, value(v)]);
        if (s.attributes) fs.writeFileSync(path.join(repo.dir, '.git', 'info', 'attributes'), s.attributes);
      });
      after(() => {
        for (const [k] of s.config) gitConfig(['--unset-all', k]);
        fs.rmSync(path.join(repo.dir, '.git', 'info', 'attributes'), { force: true });
      });
      beforeEach(() => fs.rmSync(marker, { force: true }));

      if (s.naive) {
        it('the program really runs under plain git (so the next test can fail)', () => {
          try {
            execFileSync('git', s.naive as string[], {
              cwd: repo.dir,
              stdio: 'ignore',
              env: { ...process.env, HOME: home },
            });
          } catch {
            // A failing filter or driver still ran; the marker says so.
          }
          assert.ok(fs.existsSync(marker), `${s.name}: the program did not run under plain git`);
        });
      }

      it('the triage equals the reference and no program ran', async () => {
        const report = await triage();
        assert.ok(!fs.existsSync(marker), `ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
        assert.deepEqual(report, reference);
        assert.ok(!JSON.stringify(report).includes('TOPSECRET'));
      });
    });
  }
});

describe('a blame that fails anyway costs the suspects, not the issue', function () {
  this.timeout(60_000);
  const savedPath = process.env.PATH;
  after(() => {
    process.env.PATH = savedPath;
    cleanupTempDirs();
  });

  it('keeps the frames and says why suspects are unavailable', async () => {
    const repo = createTempRepo();
    repo.write('README.md', 'shop\n');
    repo.commit('readme');
    repo.tag('v1');
    // Created inside the range: its range blame cannot come from the patches (rangeBlame.ts), git blames it.
    repo.write('src/cart.js', CART_V1);
    repo.commit('cart');
    repo.write('src/cart.js', CART_V1.replace('item.price', 'item.product.price'));
    repo.commit('price from the product record', { author: BOB });
    repo.tag('v2');
    // The real git, except that blame fails the way a broken ignore-revs setting makes it fail.
    const bin = failingBlameGitDir();
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    try {
      const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
      const report = await runTriage(
        createFileSource(`TypeError: x is undefined\n    at total (${repo.dir}/src/cart.js:4:22)\n`),
        ws,
        { limit: 1, deployFlag: 'v1..v2', suspectLimit: 5, blameFrames: 12 },
      );
      assert.deepEqual(report.errors, []);
      const issue = report.issues[0];
      assert.equal(issue.frames[0].file, 'src/cart.js');
      assert.equal(issue.frames[0].line, 4);
      assert.deepEqual(issue.suspects, []);
      assert.match(issue.suspectsUnavailable ?? '', /suspects unavailable: .*could not open object name list/);
    } finally {
      process.env.PATH = savedPath;
      repo.cleanup();
    }
  });
});
