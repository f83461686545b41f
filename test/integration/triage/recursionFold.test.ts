/**
 * A real stack overflow through the built CLI (`npm run build` first): the JSON and the table show
 * the crash end, one line for the recursion with its count, and the caller that started it
 *. Before, the JSON carried the recursion's frames deduplicated into one, with no
 * count, and a trace over 500 frames lost its callers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TriageReport } from '../../../src/core/model/triage.types';
import { runTriageCli } from '../../helpers/demoScenario';
import { createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe('a real stack overflow, folded in the CLI JSON and table', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let deploy = '';
  before(() => {
    repo = createTempRepo();
    repo.write('src/walk.js', 'function walk(node) {\n  return walk(node.next) + 1;\n}\nmodule.exports = { walk };\n');
    repo.write(
      'src/main.js',
      "const { walk } = require('./walk');\nfunction main() {\n  walk({ next: {} });\n}\n" +
        'try {\n  main();\n} catch (e) {\n  process.stdout.write(e.stack);\n}\n',
    );
    const first = repo.commit('init');
    repo.write(
      'src/walk.js',
      'function walk(node) {\n  return walk(node.next || {}) + 1;\n}\nmodule.exports = { walk };\n',
    );
    deploy = `${first}..${repo.commit('walk forever')}`;
    const stack = execFileSync(process.execPath, ['--stack-trace-limit=100000', path.join(repo.dir, 'src/main.js')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.match(stack, /RangeError: Maximum call stack size exceeded/);
    repo.write('overflow.txt', stack);
  });
  after(() => repo?.cleanup());

  it('JSON: the crash frame, one marker with the count, the callers; the table shows the marker', async () => {
    const args = ['--event', path.join(repo.dir, 'overflow.txt'), '--repo', repo.dir, '--deploy', deploy];
    const json = await runTriageCli([...args, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const frames = (JSON.parse(json.stdout) as TriageReport).issues[0].frames;
    assert.ok(frames.length < 12, frames.map((f) => f.raw).join('\n'));
    assert.equal(frames[0].file, 'src/walk.js');
    const marker = frames.find((f) => f.folded);
    assert.ok(marker && marker.folded && marker.folded > 1000, JSON.stringify(marker));
    assert.equal(marker.raw, `… ${marker.folded.toLocaleString('en-US')} more frames of recursion in walk …`);
    assert.equal(marker.file, null);
    assert.ok(
      frames.some((f) => f.function === 'main' && f.file === 'src/main.js'),
      'the caller is kept',
    );
    const text = await runTriageCli(args);
    assert.equal(text.code, 0, text.stderr);
    assert.ok(text.stdout.includes(`    ${marker.raw}\n`), text.stdout);
  });
});
