import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitFiles } from '../../../src/extension/editor/commitFiles';

describe("a suspect commit's changed files (panel: why this suspect)", () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'A',
        GIT_AUTHOR_EMAIL: 'a@x',
        GIT_COMMITTER_NAME: 'A',
        GIT_COMMITTER_EMAIL: 'a@x',
      },
    });
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-commit-files-'));
    git('init', '-q');
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(
      path.join(repo, 'src/a.js'),
      Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n',
    );
    fs.writeFileSync(path.join(repo, 'gone.txt'), 'bye\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    const a = fs.readFileSync(path.join(repo, 'src/a.js'), 'utf8').split('\n');
    a[11] = 'line twelve';
    a.splice(15, 0, 'new line', '--- a dashed line');
    fs.writeFileSync(path.join(repo, 'src/a.js'), a.join('\n'));
    fs.writeFileSync(path.join(repo, 'src/with space.js'), 'x\n');
    fs.rmSync(path.join(repo, 'gone.txt'));
    git('add', '-A');
    git('commit', '-qm', 'change');
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('lists each file with +added/−removed and the first changed line on the commit side', async () => {
    const run = async (args: string[]) => git(...args);
    const files = await commitFiles(run, git('rev-parse', 'HEAD').trim());
    assert.deepEqual(files, [
      { path: 'gone.txt', added: 0, removed: 1, line: 1 },
      { path: 'src/a.js', added: 3, removed: 1, line: 12 },
      { path: 'src/with space.js', added: 1, removed: 0, line: 1 },
    ]);
  });

  it('reads nothing for what is not a SHA', async () => {
    let ran = false;
    assert.deepEqual(await commitFiles(async () => ((ran = true), ''), '--output=/tmp/x'), []);
    assert.equal(ran, false);
  });
});
