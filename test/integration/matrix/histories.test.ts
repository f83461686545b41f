// History half of the matrix: one Node service deployed at /app, histories of every shape that
// matters to the deploy range and to today's line (release names, tag kinds, merges, squashes,
// renames, deletions, shallow clones, no tags, uncommitted edits, CRLF, non-ASCII names), each
// crashed for real (plain stderr, or the real @sentry/node SDK when the event carries a release).
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { cleanupTempDirs, shallowClone, type TestAuthor } from '../../helpers/gitRepo';
import { nodeApp, type AppSpec } from './matrixApps';
import { buildHistory, type BuiltHistory, type HistoryOptions } from './matrixHistory';
import { deployTree, eventFile, fakeMachine, runCrash, sentryCrash } from './matrixCrash';
import { assertContract, dump, runCli, top, triageOne } from './matrixCli';

const ORDER = { customerId: 'c1', amount: 12.5 };
const ZOE: TestAuthor = { name: 'Zoë Ångström-Łukasiewicz', email: 'zoë@example.com' };

/** The plain stderr of the deployed TO run at /app. */
function plainCrash(h: BuiltHistory): string {
  const root = fakeMachine();
  const dir = deployTree(h.repo.dir, h.to, '', root, 'app');
  return runCrash(root, process.execPath, ['-e', `require('./src/index.js').handle(${JSON.stringify(ORDER)})`], dir)
    .text;
}

/** The real SDK's event for the TO run at /app, with `release`. */
function sdkCrash(h: BuiltHistory, release: string): string {
  const root = fakeMachine();
  const dir = deployTree(h.repo.dir, h.to, '', root, 'app');
  return sentryCrash(root, path.join(dir, 'src/index.js'), release, ORDER).text;
}

interface Cell {
  name: string;
  app?: AppSpec;
  history: HistoryOptions;
  /** The event text and the extra CLI arguments. */
  input(h: BuiltHistory): { event: string; args: string[] };
  /** Expected frames[0] (repo-relative), when not the app's crash at its own path. */
  expect?: (h: BuiltHistory, app: AppSpec) => { file: string; line: number; localLine: number | null };
  /** Before the CLI runs (working-tree edits). */
  prepare?(h: BuiltHistory): void;
  also?(issue: ReturnType<typeof triageOne>, h: BuiltHistory): void;
}

const release = (name: string, tags: HistoryOptions['tags']): Pick<Cell, 'history' | 'input'> => ({
  history: { tags },
  input: (h) => ({ event: sdkCrash(h, name === 'SHA' ? h.to : name), args: [] }),
});

const FLAG = (h: BuiltHistory): { event: string; args: string[] } => ({
  event: plainCrash(h),
  args: ['--deploy', 'v1.4.0..v1.5.0'],
});

const cells: Cell[] = [
  {
    name: 'release orders-api@1.5.0, lightweight package tags',
    ...release('orders-api@1.5.0', { from: 'orders-api@1.4.0', to: 'orders-api@1.5.0', annotated: false }),
  },
  {
    name: 'release orders-api@1.5.0, annotated v-tags',
    ...release('orders-api@1.5.0', { from: 'v1.4.0', to: 'v1.5.0', annotated: true }),
  },
  { name: 'release v1.5.0, annotated v-tags', ...release('v1.5.0', { from: 'v1.4.0', to: 'v1.5.0', annotated: true }) },
  {
    name: 'release 1.5.0, lightweight bare tags',
    ...release('1.5.0', { from: '1.4.0', to: '1.5.0', annotated: false }),
  },
  {
    name: 'release 1.5.0, lightweight v-tags',
    ...release('1.5.0', { from: 'v1.4.0', to: 'v1.5.0', annotated: false }),
  },
  {
    name: 'release release-2026-10-21, annotated date tags',
    ...release('release-2026-10-21', { from: 'release-2026-10-14', to: 'release-2026-10-21', annotated: true }),
  },
  {
    name: 'release is the deployed SHA; FROM the nearest earlier tag',
    ...release('SHA', { from: 'v1.4.0', to: 'v1.5.0', annotated: false }),
  },
  {
    name: 'bug inside a --no-ff merge',
    history: { shape: 'merge' },
    input: (h) => ({ event: sdkCrash(h, 'v1.5.0'), args: [] }),
  },
  { name: 'bug squash-merged (branch deleted)', history: { shape: 'squash' }, input: FLAG },
  {
    name: 'crashing file renamed after the deploy: file is today’s path',
    history: { after: 'rename', renameTo: 'src/orders/pricingRules.js' },
    input: FLAG,
    expect: (_h, app) => ({ file: 'src/orders/pricingRules.js', line: app.crash.line, localLine: app.crash.localLine }),
  },
  {
    name: 'crashing file deleted after the deploy: deployed path, localLine null',
    history: { after: 'delete' },
    input: FLAG,
    expect: (_h, app) => ({ file: app.crash.file, line: app.crash.line, localLine: null }),
  },
  {
    name: 'uncommitted edits move the crashing line',
    history: {},
    input: FLAG,
    prepare: (h) =>
      h.repo.write(
        'src/orders/index.js',
        `// local note 1\n// local note 2\n// local note 3\n${h.repo.read('src/orders/index.js')}`,
      ),
    expect: (_h, app) => ({ file: app.crash.file, line: app.crash.line, localLine: app.crash.localLine + 3 }),
  },
  {
    name: 'crashing line rewritten by a hot fix after the deploy: its counterpart today, and who changed it',
    history: {},
    input: FLAG,
    prepare: (h) => {
      const fixed = h.repo
        .read('src/orders/index.js')
        .replace(
          '  return customer.loyalty.rate;',
          '  if (!customer.loyalty) return 0;\n  return customer.loyalty.rate ?? 0;',
        );
      h.repo.write('src/orders/index.js', fixed);
      h.repo.commit('Guard the optional loyalty field', { author: ZOE, date: '2026-10-23T09:00:00Z' });
    },
    // 2 comment lines after the deploy, then the guard above the rewritten line.
    expect: (_h, app) => ({ file: app.crash.file, line: app.crash.line, localLine: app.crash.localLine + 1 }),
    also: (issue, h) => {
      const changed = issue.frames[0].changedSince;
      assert.ok(changed && 'sha' in changed, dump(issue));
      assert.deepEqual(
        { ...changed, date: undefined },
        {
          sha: h.repo.sha(),
          summary: 'Guard the optional loyalty field',
          author: `${ZOE.name} <${ZOE.email}>`,
          date: undefined,
        },
      );
      assert.equal(changed.date, '2026-10-23T09:00:00Z');
      const caller = issue.frames.find((f) => f.file === 'src/orders/index.js' && f !== issue.frames[0]);
      assert.equal(caller?.changedSince, null, 'an untouched line has no change');
    },
  },
  { name: 'CRLF line ends in the crashing file', history: { crlf: true }, input: FLAG },
  {
    name: 'non-ASCII file name and author',
    app: nodeApp('src/commandes/réduction.js'),
    history: { bugAuthor: ZOE },
    input: FLAG,
    also: (issue) => assert.equal(issue.suspects[0].author, `${ZOE.name} <${ZOE.email}>`),
  },
];

describe('matrix: git histories × the built CLI', function () {
  // Each cell builds a history and crashes a real program: minutes on a loaded 2-core machine.
  this.timeout(180_000);
  after(cleanupTempDirs);

  for (const cell of cells) {
    it(cell.name, () => {
      const app = cell.app ?? nodeApp();
      const h = buildHistory(app, cell.history);
      try {
        const { event, args } = cell.input(h);
        cell.prepare?.(h);
        const issue = triageOne(['--event', eventFile(event), '--repo', h.repo.dir, ...args]);
        const want = cell.expect?.(h, app) ?? {
          file: app.crash.file,
          line: app.crash.line,
          localLine: app.crash.localLine,
        };
        assert.deepEqual(top(issue), want, `${event.slice(0, 2000)}\n${dump(issue)}`);
        assert.ok(issue.frames[0].function?.endsWith(app.crash.function), dump(issue));
        assert.equal(issue.frames[0].inApp, true);
        assert.deepEqual([issue.deploy.from, issue.deploy.to], [h.from, h.to], dump(issue));
        assert.equal(issue.suspects[0]?.sha, h.bug, dump(issue));
        cell.also?.(issue, h);
      } finally {
        h.repo.cleanup();
      }
    });
  }

  describe('shallow clone (git clone --depth 1)', () => {
    let h: BuiltHistory;
    let clone: string;
    before(() => {
      h = buildHistory(nodeApp(), { after: 'none' });
      clone = shallowClone(h.repo.dir, 1);
    });
    after(() => h.repo.cleanup());

    it('--deploy FROM..TO beyond the history: exit 1, one line naming the missing revision and where history stops', () => {
      const r = runCli(['--event', eventFile(plainCrash(h)), '--repo', clone, '--deploy', `${h.from}..${h.to}`]);
      assert.equal(r.status, 1, r.stdout);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], new RegExp(`^culprit: .*${h.from.slice(0, 12)}.*shallow.*--unshallow`));
      assert.deepEqual(assertContract(r.stdout).issues, []);
    });

    it('release at the fetched tip, earlier tags cut off: exit 1, one line naming where history stops', () => {
      const r = runCli(['--event', eventFile(sdkCrash(h, 'v1.5.0')), '--repo', clone]);
      assert.equal(r.status, 1, r.stdout);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(
        r.stderr,
        /^culprit: No earlier deploy tag before [0-9a-f]{12} is in this clone: it is shallow, its history stops at [0-9a-f]{7}.*--unshallow/,
      );
      const report = assertContract(r.stdout);
      assert.deepEqual([report.issues.length, report.errors.length], [0, 1]);
    });
  });

  it('no tags and no --deploy: blames at HEAD, says so, lowers the scores', () => {
    const h = buildHistory(nodeApp(), { tags: null, after: 'none' });
    try {
      const issue = triageOne(['--event', eventFile(plainCrash(h)), '--repo', h.repo.dir]);
      assert.deepEqual(top(issue), { file: 'src/orders/index.js', line: 7, localLine: 7 });
      assert.deepEqual(issue.deploy, {
        from: null,
        to: null,
        source: 'none',
        guessed: false,
        label: '(none: blamed at HEAD)',
      });
      assert.equal(issue.suspects[0]?.sha, h.bug, dump(issue));
      assert.ok(issue.suspects[0].score < 0.7, dump(issue));
      assert.ok(
        issue.suspects[0].reasons.some((r) => /no deploy range|HEAD/i.test(r)),
        dump(issue),
      );
    } finally {
      h.repo.cleanup();
    }
  });
});
