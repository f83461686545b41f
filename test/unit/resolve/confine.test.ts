import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { confineToRoot } from '../../../src/core/resolve/confine';
import { makeTempRepo, type TempRepo } from './tempRepo';

describe('confineToRoot', () => {
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo(['src/app.ts', 'src/nested/deep.ts']);
    fs.symlinkSync('/etc', path.join(repo.root, 'etc-link'));
    fs.symlinkSync('/etc/passwd', path.join(repo.root, 'src/passwd.ts'));
    fs.symlinkSync(path.join(repo.root, 'src/app.ts'), path.join(repo.root, 'src/alias.ts'));
  });
  after(() => repo.remove());

  it('returns the normalized relative path of files inside the root', () => {
    assert.equal(confineToRoot(repo.root, 'src/app.ts'), 'src/app.ts');
    assert.equal(confineToRoot(repo.root, './src/nested/../app.ts'), 'src/app.ts');
    assert.equal(confineToRoot(repo.root, 'src\\nested\\deep.ts'), 'src/nested/deep.ts');
  });

  it('accepts symlinks whose target stays inside, under their own name', () => {
    assert.equal(confineToRoot(repo.root, 'src/alias.ts'), 'src/alias.ts');
  });

  it('refuses symlinks leading out of the root', () => {
    assert.equal(confineToRoot(repo.root, 'etc-link/passwd'), null);
    assert.equal(confineToRoot(repo.root, 'etc-link'), null);
    assert.equal(confineToRoot(repo.root, 'src/passwd.ts'), null);
  });

  it('refuses escapes, absolute paths, NUL bytes, huge and missing paths', () => {
    for (const bad of [
      '../../etc/passwd',
      'src/../../etc/passwd',
      '/etc/passwd',
      'file:///etc/passwd',
      'C:\\Windows\\x',
      '\\\\server\\share',
      'src/app.ts\0.png',
      'a/'.repeat(5000),
      'src/missing.ts',
      '',
      '.',
    ]) {
      assert.equal(confineToRoot(repo.root, bad), null, JSON.stringify(bad.slice(0, 40)));
    }
  });

  it('works when the root itself is reached through a symlink', () => {
    const link = `${repo.root}-link`;
    fs.symlinkSync(repo.root, link);
    try {
      assert.equal(confineToRoot(link, 'src/app.ts'), 'src/app.ts');
      assert.equal(confineToRoot(link, `../${path.basename(link)}/src/app.ts`), null);
    } finally {
      fs.unlinkSync(link);
    }
  });

  it('never throws on wrong types', () => {
    assert.equal(confineToRoot(repo.root, null as unknown as string), null);
    assert.equal(confineToRoot(42 as unknown as string, 'src/app.ts'), null);
  });
});
