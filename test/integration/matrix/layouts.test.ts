// Layout half of the matrix: the same history (FROM → decoy → bug → late decoy → TO → an edit that
// moves the crashing line), deployed in the shapes production uses, crashed for real with node or
// python3, and triaged with the built CLI over `--deploy FROM..TO`.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { cleanupTempDirs } from '../../helpers/gitRepo';
import { nodeApp, pythonApp, tsApp, esmApp, type AppSpec } from './matrixApps';
import { buildHistory, type BuiltHistory, type HistoryOptions } from './matrixHistory';
import { deployTree, eventFile, fakeMachine, runCrash } from './matrixCrash';
import { dump, top, triageOne, type JsonIssue } from './matrixCli';

const ESBUILD = path.resolve(__dirname, '../../../node_modules/.bin/esbuild');
const ORDER = "{ customerId: 'c1', amount: 12.5 }";

interface Cell {
  name: string;
  app: AppSpec;
  history?: HistoryOptions;
  /** Deploys TO and crashes; returns the event text. */
  crash(h: BuiltHistory): string;
  /** `--repo` relative to the repository root ('' = the root). */
  repoDir?: string;
  /** A known gap outside this suite's files: the crashing frame is not yet counted as app code. */
  inAppGap?: string;
  /** Extra checks on the issue. */
  also?(issue: JsonIssue, h: BuiltHistory): void;
}

/** Node: `node -e` requires the deployed entry and calls it, as a server's handler would. */
function nodeCrash(h: BuiltHistory, service: string, deployPath: string, entry = 'src/index.js'): string {
  const root = fakeMachine();
  const dir = deployTree(h.repo.dir, h.to, service, root, deployPath);
  return runCrash(
    root,
    process.execPath,
    ['-e', `require(${JSON.stringify(path.join(dir, entry))}).handle(${ORDER})`],
    dir,
  ).text;
}

function pythonCrash(h: BuiltHistory, pkgParent: string, cwdPath: string): string {
  const root = fakeMachine();
  const pkgDir = deployTree(h.repo.dir, h.to, h.at('src/myapp'), root, `${pkgParent}/myapp`);
  const parent = path.dirname(pkgDir);
  return runCrash(root, 'python3', ['-c', 'from myapp.app import main; main()'], path.join(root, cwdPath), {
    PYTHONPATH: parent,
    PYTHONDONTWRITEBYTECODE: '1',
  }).text;
}

const MONOREPO_NEIGHBOURS: Record<string, string> = {
  'package.json': '{ "name": "acme", "private": true, "workspaces": ["services/*"] }\n',
  'services/billing/package.json': '{ "name": "billing", "private": true }\n',
  // Same service-relative names as the orders service: only the service folder tells them apart.
  'services/billing/src/index.js':
    "'use strict';\nconst { findCustomer } = require('./users/index.js');\n\nfunction handle(invoice) {\n  return findCustomer(invoice.customerId);\n}\n\nmodule.exports = { handle };\n",
  'services/billing/src/users/index.js':
    "'use strict';\nfunction findCustomer(id) {\n  return { id };\n}\nmodule.exports = { findCustomer };\n",
};

/** esbuild is real: dist/ is built in the deployed tree (the CI artifact) and copied, git-ignored, into the checkout. */
function tsCrash(h: BuiltHistory, service = ''): string {
  const root = fakeMachine();
  const dir = deployTree(h.repo.dir, h.to, service, root, 'app');
  const entries = ['src/index.ts', 'src/orders/index.ts', 'src/users/index.ts'];
  const built = spawnSync(
    ESBUILD,
    [...entries, '--outdir=dist', '--format=cjs', '--platform=node', '--sourcemap', '--log-level=error'],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(built.status, 0, built.stderr);
  assert.ok(existsSync(path.join(dir, 'dist/orders/index.js.map')));
  cpSync(path.join(dir, 'dist'), path.join(h.repo.dir, service, 'dist'), { recursive: true });
  return runCrash(
    root,
    process.execPath,
    ['-e', `require(${JSON.stringify(path.join(dir, 'dist/index.js'))}).handle(${ORDER})`],
    dir,
  ).text;
}

const cells: Cell[] = [
  {
    name: 'container /usr/src/app, repo = service',
    app: nodeApp(),
    crash: (h) => nodeCrash(h, '', 'usr/src/app'),
  },
  {
    name: 'AWS Lambda /var/task',
    app: nodeApp(),
    crash: (h) => nodeCrash(h, '', 'var/task'),
  },
  {
    name: 'monorepo services/orders, stack from /app/src (WORKDIR /app), --repo at the root',
    app: nodeApp(),
    history: { prefix: 'services/orders', neighbours: MONOREPO_NEIGHBOURS },
    crash: (h) => nodeCrash(h, 'services/orders', 'app'),
    also(issue) {
      const handler = issue.frames.find((f) => f.function?.endsWith('handle'));
      assert.equal(handler?.file, 'services/orders/src/index.js', dump(issue));
    },
  },
  {
    name: 'monorepo, --repo pointing at the service folder',
    app: nodeApp(),
    history: { prefix: 'services/orders', neighbours: MONOREPO_NEIGHBOURS },
    crash: (h) => nodeCrash(h, 'services/orders', 'app'),
    repoDir: 'services/orders',
    also(issue) {
      const handler = issue.frames.find((f) => f.function?.endsWith('handle'));
      assert.equal(handler?.file, 'services/orders/src/index.js', dump(issue));
    },
  },
  {
    // No Windows runtime here: a real /app stack with its paths rewritten as Node on Windows prints them.
    name: 'Windows paths C:\\app\\src\\… (real stack, paths rewritten)',
    app: nodeApp(),
    crash: (h) => nodeCrash(h, '', 'app').replace(/\/app\/[^\s:)]+/g, (p) => `C:${p.replace(/\//g, '\\')}`),
  },
  {
    name: 'ES modules: file:///app/src/… URLs',
    app: esmApp(),
    crash(h) {
      const root = fakeMachine();
      const dir = deployTree(h.repo.dir, h.to, '', root, 'app');
      const url = `file://${path.join(dir, 'src/index.mjs')}`;
      return runCrash(
        root,
        process.execPath,
        ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); m.handle(${ORDER});`],
        dir,
      ).text;
    },
  },
  {
    name: 'TypeScript built by esbuild into git-ignored dist/ with .js.map files on disk',
    app: tsApp(),
    crash: (h) => tsCrash(h),
  },
  {
    name: 'TypeScript dist/ in a monorepo service, --repo pointing at the service folder',
    app: tsApp(),
    history: { prefix: 'services/orders', neighbours: MONOREPO_NEIGHBOURS },
    crash: (h) => tsCrash(h, 'services/orders'),
    repoDir: 'services/orders',
  },
  {
    name: 'TypeScript dist/ in a monorepo service, --repo at the root',
    app: tsApp(),
    history: { prefix: 'services/orders', neighbours: MONOREPO_NEIGHBOURS },
    crash: (h) => tsCrash(h, 'services/orders'),
  },
  {
    name: 'Python installed into site-packages vs src/myapp in the repo',
    app: pythonApp(),
    crash: (h) => pythonCrash(h, 'usr/local/lib/python3.11/site-packages', '.'),
    // The bug still ranks first (on the error's key), but the frames are not blamed.
    also(issue) {
      const caller = issue.frames.find((f) => f.function === 'quote');
      assert.equal(caller?.file, 'src/myapp/orders/__init__.py', dump(issue));
    },
  },
  {
    name: 'Python at /app/src: __init__.py and utils.py in two packages',
    app: pythonApp(),
    crash: (h) => pythonCrash(h, 'app/src', 'app'),
    also(issue) {
      const caller = issue.frames.find((f) => f.function === 'quote');
      assert.equal(caller?.file, 'src/myapp/orders/__init__.py', dump(issue));
    },
  },
];

describe('matrix: production layouts × the built CLI', function () {
  this.timeout(30_000);
  after(cleanupTempDirs);
  for (const cell of cells) {
    it(cell.name, () => {
      const h = buildHistory(cell.app, cell.history);
      try {
        const trace = cell.crash(h);
        const issue = triageOne([
          '--event',
          eventFile(trace),
          '--repo',
          path.join(h.repo.dir, cell.repoDir ?? ''),
          '--deploy',
          'v1.4.0..v1.5.0',
        ]);
        const want = cell.app.crash;
        assert.deepEqual(
          top(issue),
          { file: h.at(want.file), line: want.line, localLine: want.localLine },
          `${trace}\n${dump(issue)}`,
        );
        assert.equal(issue.frames[0].function?.endsWith(want.function), true, dump(issue));
        assert.deepEqual(issue.deploy, {
          from: h.from,
          to: h.to,
          source: 'flag',
          guessed: false,
          label: 'v1.4.0..v1.5.0 (set: tags v1.4.0..v1.5.0)',
        });
        assert.equal(issue.suspects[0]?.sha, h.bug, dump(issue));
        if (!cell.inAppGap) assert.equal(issue.frames[0].inApp, true, dump(issue));
        cell.also?.(issue, h);
      } finally {
        h.repo.cleanup();
      }
    });
    if (cell.inAppGap) it(`${cell.name}: the crashing frame counts as app code (pending: ${cell.inAppGap})`);
  }
});
