// Frames are resolved in the tree production ran, not only today's. A module at the repository root
// that was moved or split after the deploy, while today's tree holds several files of that name
// (bin/, lib/, test/), still exists verbatim under the mapped prefix in the deployed tree: it
// resolves there and is followed to today's file (or is gone, localLine null). A caller outside
// the mapped prefix (a consuming service) is never the repository's same-named file. Node really
// runs the deployed files; the crash comes from a guard a commit in the range deleted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { BOB, cleanupTempDirs, createTempRepo, makeTempDir, type TempRepo } from '../../helpers/gitRepo';

const VERSION = (guard: boolean) =>
  [
    "'use strict';",
    'function parse(v) {',
    "  if (typeof v !== 'string') throw new TypeError('Invalid Version: ' + v);",
    "  return v.split('.').map(Number);",
    '}',
    'function major(v) {',
    '  return parse(v)[0];',
    '}',
    'function satisfies(v, want) {',
    ...(guard ? ['  if (!v) return false;'] : []),
    '  return major(v) === want;',
    '}',
    'module.exports = { parse, major, satisfies };',
    '',
  ].join('\n');

const CLI = "#!/usr/bin/env node\nconsole.log(require('../version').major(process.argv[2]));\n";
const TEST = "const assert = require('assert');\nassert.equal(require('../version').major('1.2.3'), 1);\n";

interface Deployed {
  repo: TempRepo;
  culprit: string;
  stack: string;
  prod: string;
}

/** The library at v1.1.0 run by a consumer outside it; `after` reshapes the repository since. */
function deployedLibrary(consumerName: string, after: (t: TempRepo) => void): Deployed {
  const t = createTempRepo();
  t.write('version.js', VERSION(true));
  t.write('bin/version.js', CLI);
  t.write('test/version.js', TEST);
  t.write('index.js', "module.exports = require('./version');\n");
  t.commit('Version parsing');
  t.tag('v1.0.0');
  t.write('README.md', '# versions\n');
  t.commit('Readme');
  t.write('version.js', VERSION(false));
  const culprit = t.commit('Satisfies: simpler comparison', { author: BOB });
  t.tag('v1.1.0');
  const srv = path.join(fs.realpathSync(makeTempDir('culprit-srv-')), 'srv');
  fs.mkdirSync(path.join(srv, 'app'), { recursive: true });
  fs.mkdirSync(path.join(srv, 'consumer'), { recursive: true });
  fs.writeFileSync(path.join(srv, 'app/version.js'), t.read('version.js'));
  fs.writeFileSync(
    path.join(srv, 'consumer', consumerName),
    "const semver = require('../app/version.js');\nfunction pick(v) {\n  return semver.satisfies(v, 1);\n}\n" +
      'console.log(pick(undefined));\n',
  );
  let stack = '';
  try {
    execFileSync(process.execPath, [consumerName], { cwd: path.join(srv, 'consumer'), stdio: 'pipe' });
  } catch (e) {
    stack = String((e as { stderr: Buffer }).stderr);
  }
  assert.match(stack, /Invalid Version: undefined/);
  assert.match(stack, /srv\/app\/version\.js:3/);
  after(t);
  return { repo: t, culprit, stack, prod: path.join(srv, 'app') };
}

async function triage(d: Deployed) {
  const ws = await openTriageWorkspace({ dir: d.repo.dir, trusted: true, mappings: [{ prod: d.prod, local: '.' }] });
  const report = await runTriage(createFileSource(d.stack), ws, {
    limit: 1,
    suspectLimit: 5,
    blameFrames: 8,
    deployFlag: 'v1.0.0..v1.1.0',
  });
  return report.issues[0];
}

const own = <F extends { raw: string }>(frames: F[]): F[] => frames.filter((f) => /srv\/app\/version\.js/.test(f.raw));

describe('a frame whose file exists in the deployed tree', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it('moved since while today has several same-named files: resolves there and follows the move', async () => {
    const d = deployedLibrary('deps.js', (t) => {
      t.rename('version.js', 'lib/version.js');
      t.write('index.js', "module.exports = require('./lib/version');\n");
      t.write('bin/version.js', CLI.replace('../version', '../lib/version'));
      t.write('test/version.js', TEST.replace('../version', '../lib/version'));
      t.commit('Move the module under lib/');
    });
    const issue = await triage(d);
    const frames = own(issue.frames);
    assert.ok(frames.length >= 3, JSON.stringify(issue.frames));
    // parse (line 3), major (7), satisfies (10): today's lib/version.js, same lines (a pure move).
    assert.deepEqual(
      frames.map((f) => [f.file, f.line, f.localLine]),
      [
        ['lib/version.js', 3, 3],
        ['lib/version.js', 7, 7],
        ['lib/version.js', 10, 10],
      ],
    );
    assert.equal(issue.suspects[0]?.sha, d.culprit, JSON.stringify(issue.suspects.map((s) => [s.summary, s.reasons])));
  });

  it('split since into other files: keeps its deployed path, localLine null, and is blamed', async () => {
    const d = deployedLibrary('deps.js', (t) => {
      t.remove('version.js');
      t.write(
        'classes/version.js',
        'class Version {\n  constructor(v) {\n    this.parts = String(v).split(".");\n  }\n}\n',
      );
      t.write('functions/satisfies.js', 'module.exports = (v, want) => Number(String(v).split(".")[0]) === want;\n');
      t.write('index.js', "module.exports = { satisfies: require('./functions/satisfies') };\n");
      t.commit('Split up the module into several files');
    });
    const issue = await triage(d);
    const frames = own(issue.frames);
    assert.deepEqual(
      frames.map((f) => [f.file, f.line, f.localLine, f.candidates]),
      [
        ['version.js', 3, null, undefined],
        ['version.js', 7, null, undefined],
        ['version.js', 10, null, undefined],
      ],
    );
    // The deleted guard sits right above the satisfies frame's line: the commit that removed it leads.
    assert.equal(issue.suspects[0]?.sha, d.culprit, JSON.stringify(issue.suspects.map((s) => [s.summary, s.reasons])));
  });
});

describe('a caller outside the mapped production prefix', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it("is not the repository's same-named file: unresolved, the file offered as a candidate", async () => {
    const d = deployedLibrary('index.js', () => undefined);
    const issue = await triage(d);
    const consumer = issue.frames.filter((f) => /srv\/consumer\/index\.js/.test(f.raw));
    assert.ok(consumer.length >= 2, JSON.stringify(issue.frames));
    for (const f of consumer) {
      assert.equal(f.file, null, f.raw);
      assert.equal(f.localLine, null, f.raw);
      assert.deepEqual(f.candidates, ['index.js'], f.raw);
    }
    // The library's own frames, under the mapped prefix, still resolve onto the repository.
    assert.deepEqual(
      own(issue.frames).map((f) => f.file),
      ['version.js', 'version.js', 'version.js'],
    );
  });
});
