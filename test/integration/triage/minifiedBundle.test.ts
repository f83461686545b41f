// A minified esbuild bundle with its map, through the whole triage: the real stack node printed
// when running test/fixtures/sourcemaps/dist/bundle.min.js (scripts/fixtures/sourcemaps/generate.mjs
// builds and runs it) against a repository holding the TypeScript sources, the bundle built and
// git-ignored beside them. The frames land on the sources with their original names, keep what
// production printed in `raw`, and a crash line rewritten after the deploy opens on its counterpart.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { BOB, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sourcemaps');
const STACK = fs.readFileSync(path.join(FIXTURES, 'dist/bundle.stack.txt'), 'utf8');
const THROW = '    throw new Error(`discount ${discountPercent}% is over 100%`); // CULPRIT-THROW';

describe('a minified bundle with its map, through the triage', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let hotFix: string;
  before(() => {
    repo = createTempRepo();
    for (const rel of ['src/main.ts', 'src/orders/pricing.ts'])
      repo.write(rel, fs.readFileSync(path.join(FIXTURES, rel), 'utf8'));
    repo.write('.gitignore', 'dist/\n');
    repo.commit('checkout service');
    repo.tag('v1.0.0');
    // The build output production ran, beside the sources and ignored by git, as a CI artifact is.
    for (const f of ['bundle.min.js', 'bundle.min.js.map'])
      repo.write(`dist/${f}`, fs.readFileSync(path.join(FIXTURES, 'dist', f)));
    // After the deploy, the crash line is rewritten with a guard above it.
    const pricing = fs.readFileSync(path.join(FIXTURES, 'src/orders/pricing.ts'), 'utf8');
    assert.ok(pricing.includes(THROW));
    repo.write(
      'src/orders/pricing.ts',
      pricing.replace(
        THROW,
        '    if (discountPercent === Infinity) return 0;\n' +
          '    throw new RangeError(`discount ${discountPercent}% is over 100%`); // CULPRIT-THROW',
      ),
    );
    hotFix = repo.commit('Say which discount was out of range', { author: BOB });
  });
  after(() => {
    repo?.cleanup();
    cleanupTempDirs();
  });

  it('names the original functions, keeps the minified ones in raw, and follows the edit', async () => {
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const report = await runTriage(createFileSource(STACK, 'bundle.stack.txt'), ws, {
      limit: 1,
      suspectLimit: 3,
      blameFrames: 5,
      deployFlag: 'v1.0.0',
    });
    assert.deepEqual(report.errors, []);
    const [crash, caller] = report.issues[0].frames;
    assert.deepEqual(
      [crash.file, crash.line, crash.function, crash.inApp, crash.placedBy],
      ['src/orders/pricing.ts', 15, 'priceOrder', true, 'source-map'],
    );
    assert.match(crash.raw, /^at s \(.*bundle\.min\.js:1:584\)$/);
    assert.deepEqual([caller.file, caller.line, caller.function], ['src/main.ts', 10, 'checkout']);
    assert.match(caller.raw, /^at i \(/);
    // No frame keeps a one-letter minified name.
    for (const f of report.issues[0].frames.filter((x) => x.inApp)) assert.ok((f.function ?? '').length > 1, f.raw);
    // The rewritten crash line: its counterpart today (below the added guard), with the change named.
    assert.equal(crash.localLine, 16);
    assert.ok(crash.changedSince && 'sha' in crash.changedSince, JSON.stringify(crash.changedSince));
    assert.equal(crash.changedSince.sha, hotFix);
    assert.equal(caller.localLine, 10);
    assert.equal(caller.changedSince, null);
  });
});
