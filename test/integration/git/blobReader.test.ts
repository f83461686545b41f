import { strict as assert } from 'assert';
import { countSpawns } from '../../helpers/countSpawns';
import { CulpritError } from '../../../src/core/errors';
import { createBlobReader } from '../../../src/core/git/blobReader';
import { createGitRunner } from '../../../src/core/git/gitRunner';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

describe('blob reader: one git cat-file --batch process (real repository)', function () {
  this.timeout(30_000);
  let t: TempRepo;
  let v1: string;
  let v2: string;

  before(() => {
    t = createTempRepo();
    t.write('src/a.js', 'const a = 1;\n');
    t.write('src/ünï cødé.js', 'héllo\n');
    t.write('bin/blob.bin', Buffer.from([0, 1, 2, 10, 0x41, 10]));
    t.write('empty.txt', '');
    v1 = t.commit('first');
    t.write('src/a.js', 'const a = 2;\n'.repeat(20_000));
    v2 = t.commit('second');
  });
  after(() => cleanupTempDirs());

  it('reads many files, concurrent and back to back, through one process', async () => {
    const runner = createGitRunner({ cwd: t.dir, trusted: true });
    await runner.run(['version']); // the version check is a process of its own, once per runner
    const reader = createBlobReader(runner, t.dir);
    const { value, spawns } = await countSpawns(async () => {
      const both = await reader.readMany([
        { rev: v1, path: 'src/a.js' },
        { rev: v2, path: 'src/a.js' },
        { rev: v1, path: 'src/ünï cødé.js' },
        { rev: v1, path: 'empty.txt' },
      ]);
      const sequential: Array<string | null> = [];
      for (const p of ['src/a.js', 'missing.js', 'src', 'empty.txt']) sequential.push(await reader.read(v2, p));
      return { both, sequential };
    });
    assert.equal(spawns, 1);
    assert.deepEqual(value.both.slice(0, 1), ['const a = 1;\n']);
    assert.equal(value.both[1], 'const a = 2;\n'.repeat(20_000));
    assert.equal(value.both[2], 'héllo\n');
    assert.equal(value.both[3], '');
    // A missing path and a directory (a tree, not a file) read as null; the stream stays in step.
    assert.deepEqual(value.sequential, ['const a = 2;\n'.repeat(20_000), null, null, '']);
    reader.close();
  });

  it('reads content with NUL and newline bytes and starts a new process after idling', async () => {
    const reader = createBlobReader(createGitRunner({ cwd: t.dir, trusted: true }), t.dir, { idleMs: 5 });
    // Content with NUL and newline bytes does not desynchronise the stream.
    assert.equal(await reader.read(v1, 'bin/blob.bin'), '\0\x01\x02\nA\n');
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(await reader.read(v1, 'src/a.js'), 'const a = 1;\n');
    reader.close();
  });

  it('names commits through the same process, and a hold keeps it through idle gaps', async () => {
    const runner = createGitRunner({ cwd: t.dir, trusted: true });
    await runner.run(['version']);
    t.tag('v-blob-test', { rev: v1, message: 'annotated' });
    const reader = createBlobReader(runner, t.dir, { idleMs: 5 });
    const { value, spawns } = await countSpawns(async () => {
      const release = reader.hold();
      const names = [
        await reader.commitOf('HEAD'),
        await reader.commitOf('v-blob-test'),
        await reader.commitOf('HEAD~1'),
      ];
      await new Promise((r) => setTimeout(r, 40)); // longer than the idle time: held, so no restart
      const text = await reader.read(v1, 'src/a.js');
      const unknown = [await reader.commitOf('no-such-ref'), await reader.commitOf(`${v1}:src/a.js`)];
      release();
      return { names, text, unknown };
    });
    assert.deepEqual(value.names, [v2, v1, v1], 'HEAD, an annotated tag peeled to its commit, HEAD~1');
    assert.equal(value.text, 'const a = 1;\n');
    assert.deepEqual(value.unknown, [null, null], 'a missing name and a blob are no commit');
    assert.equal(spawns, 1);
    reader.close();
  });

  it('refuses an untrusted workspace and an option-like revision without spawning', async () => {
    const reader = createBlobReader(createGitRunner({ cwd: t.dir, trusted: false }), t.dir);
    const { spawns } = await countSpawns(async () => {
      await assert.rejects(reader.read(v1, 'src/a.js'), (e) => CulpritError.is(e, 'untrusted'));
      await assert.rejects(reader.read('--output=x', 'src/a.js'), (e) => CulpritError.is(e, 'invalid-input'));
    });
    assert.equal(spawns, 0);
  });

  it('reads a path containing a newline through a process of its own', async () => {
    const t2 = createTempRepo();
    t2.write('odd\nname.txt', 'odd\n');
    const sha = t2.commit('odd');
    const reader = createBlobReader(createGitRunner({ cwd: t2.dir, trusted: true }), t2.dir);
    assert.equal(await reader.read(sha, 'odd\nname.txt'), 'odd\n');
    assert.equal(await reader.read(sha, 'no\nsuch.txt'), null);
  });
});
