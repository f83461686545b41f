import { strict as assert } from 'node:assert';
import { lineHistory } from '../../../src/core/suspects/lineHistory';
import { RANGE_PATCH_FORMAT, parseRangePatch } from '../../../src/core/suspects/rangePatch';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

function patches(repo: TempRepo, path: string) {
  return parseRangePatch(
    repo.git(['log', '-p', '-U0', '--no-renames', '--no-color', RANGE_PATCH_FORMAT, 'v1..HEAD', '--', path]),
  );
}

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

describe('lineHistory (patches from real git)', () => {
  after(cleanupTempDirs);

  it('lists every commit that rewrote the line, following shifts, skipping whitespace-only edits', () => {
    const repo = createTempRepo();
    const lines = numbered(20);
    repo.write('a.py', `${lines.join('\n')}\n`);
    repo.commit('initial');
    repo.tag('v1');
    lines[9] = 'value = data["a"]';
    repo.write('a.py', `${lines.join('\n')}\n`);
    const first = repo.commit('first rewrite');
    lines.splice(2, 0, 'new 1', 'new 2', 'new 3');
    lines.splice(18, 1);
    repo.write('a.py', `${lines.join('\n')}\n`);
    repo.commit('insert above, delete below');
    lines[12] = 'value  =  data["a"]';
    repo.write('a.py', `${lines.join('\n')}\n`);
    repo.commit('reformat');
    lines[12] = 'value = data["b"]';
    repo.write('a.py', `${lines.join('\n')}\n`);
    const last = repo.commit('second rewrite');
    const touches = lineHistory(patches(repo, 'a.py'), 'a.py', 13);
    assert.deepEqual(
      touches.map((t) => t.sha),
      [last, first],
    );
    assert.deepEqual(touches[1], { sha: first, removed: ['line 10'], added: ['value = data["a"]'] });
    assert.deepEqual(lineHistory(patches(repo, 'a.py'), 'a.py', 1), []);
  });

  it('stops where the file appears whole (a rename in a patch without renames)', () => {
    const repo = createTempRepo();
    repo.write('old.js', `${numbered(8).join('\n')}\n`);
    repo.commit('initial');
    repo.tag('v1');
    repo.write('old.js', `${numbered(8).join('\n').replace('line 4', 'changed 4')}\n`);
    repo.commit('edit before the move');
    repo.rename('old.js', 'new.js');
    repo.commit('move');
    assert.deepEqual(lineHistory(patches(repo, 'new.js'), 'new.js', 4), []);
  });
});
