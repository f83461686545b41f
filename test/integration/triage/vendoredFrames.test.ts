// Code a repository vendored and tracks in git is app code where frames point into it (it used to
// be classified library by its vendor/ folder alone). A real Node crash through the triage.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';

describe('vendored code tracked in git', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it('is inApp when git tracks it, and blamed like any other file', async () => {
    const t = createTempRepo();
    try {
      t.write(
        'vendor/acme/parse.js',
        'function parse(x) {\n  return (x.items || []).length;\n}\nmodule.exports = { parse };\n',
      );
      t.write('src/app.js', "const { parse } = require('../vendor/acme/parse');\nmodule.exports = (b) => parse(b);\n");
      t.write('run.js', "require('./src/app.js')({});\n");
      t.commit('service with a vendored parser');
      t.tag('v1.0.0');
      t.write(
        'src/app.js',
        "const { parse } = require('../vendor/acme/parse');\nmodule.exports = (b) => parse(b) + 0;\n",
      );
      t.commit('App: count as a number');
      t.write(
        'vendor/acme/parse.js',
        'function parse(x) {\n  return x.items.length;\n}\nmodule.exports = { parse };\n',
      );
      const bump = t.commit('Update the vendored parser to 2.0');
      t.tag('v1.1.0');
      let stack = '';
      try {
        execFileSync(process.execPath, ['run.js'], { cwd: t.dir, stdio: 'pipe' });
      } catch (e) {
        stack = String((e as { stderr: Buffer }).stderr);
      }
      assert.match(stack, /vendor\/acme\/parse\.js:2/);
      const ws = await openTriageWorkspace({ dir: t.dir, trusted: true });
      const report = await runTriage(createFileSource(stack), ws, {
        limit: 1,
        suspectLimit: 3,
        blameFrames: 5,
        deployFlag: 'v1.0.0..v1.1.0',
      });
      const top = report.issues[0].frames[0];
      assert.deepEqual([top.file, top.line, top.inApp], ['vendor/acme/parse.js', 2, true]);
      // Its lines are blamed like any other file's: the vendored update that changed the crash line leads.
      const suspects = report.issues[0].suspects;
      assert.equal(suspects[0]?.sha, bump, JSON.stringify(suspects.map((x) => [x.summary, x.reasons[0]])));
    } finally {
      t.cleanup();
    }
  });
});
