import { strict as assert } from 'assert';
import { diffSubset, headerPath, logSubset } from '../../../src/core/git/patchSubset';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const LOG = ['log', '-p', '-U0', '--no-renames', '--no-color', '--format=%x00%H'];
const DIFF = ['diff', '-U0', '--no-renames', '--no-color'];

describe('patch subsets: what a narrower pathspec prints, cut from a wider call (real git)', function () {
  this.timeout(30_000);
  let t: TempRepo;
  let from: string;
  let to: string;
  const files = [
    'src/a.js',
    'src/b.js',
    'src/deep/c.js',
    'tab\there.js',
    'quo"te.js',
    'ünï cødé.js',
    'img.bin',
    'gone.js',
  ];
  // `git` trims stdout; the real output ends with a newline.
  const git = (args: string[]) => {
    const out = t.git(args);
    return out ? `${out}\n` : '';
  };

  before(() => {
    t = createTempRepo();
    for (const f of files) t.write(f, f.endsWith('.bin') ? Buffer.from([0, 1, 2]) : 'one\ntwo\nthree\n');
    from = t.commit('base');
    t.write('src/a.js', 'one\nTWO\nthree\n');
    t.write('tab\there.js', 'one\n');
    t.commit('edit a, tab');
    t.write('src/deep/c.js', 'zero\none\ntwo\nthree\n');
    t.write('img.bin', Buffer.from([0, 9, 9]));
    t.remove('gone.js');
    t.write('new.js', 'fresh\n');
    t.commit('edit c, binary, delete, add');
    t.write('quo"te.js', 'one\n');
    t.write('ünï cødé.js', 'one\ntwo\n');
    t.write('src/a.js', 'one\nTWO\n');
    to = t.commit('edit quoted, unicode, a again');
  });
  after(() => cleanupTempDirs());

  it('reads the path of plain and quoted headers', () => {
    assert.equal(headerPath('diff --git a/src/x y.js b/src/x y.js'), 'src/x y.js');
    assert.equal(headerPath('diff --git "a/tab\\there.js" "b/tab\\there.js"'), 'tab\there.js');
    assert.equal(headerPath('diff --git a/x.js b/y.js'), null, 'a rename is not read as either name');
  });

  it('cuts the diff and the log of every subset exactly as git prints them', () => {
    const all = [...files, 'new.js'];
    const wholeDiff = git([...DIFF, from, to]);
    const wideLog = git([...LOG, `${from}..${to}`, '--', ...all]);
    const subsets = [
      ['src/a.js'],
      ['src'],
      ['src/deep/c.js', 'gone.js'],
      ['tab\there.js', 'quo"te.js'],
      ['ünï cødé.js', 'img.bin', 'new.js'],
      ['nothing.js'],
    ];
    for (const some of subsets) {
      assert.equal(diffSubset(wholeDiff, some), git([...DIFF, from, to, '--', ...some]), `diff -- ${some.join(' ')}`);
      assert.equal(
        logSubset(wideLog, some),
        git([...LOG, `${from}..${to}`, '--', ...some]),
        `log -- ${some.join(' ')}`,
      );
    }
  });
});
