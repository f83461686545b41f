// Resolution cases the layout × history matrix found: installed Python packages, files the deployed
// revision had but today's tree renamed or deleted, ties inside the monorepo folder `--repo` named,
// and build output beside a service inside a monorepo.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { confineRevisionPath } from '../../../src/core/resolve/confine';
import { installedPackagePath } from '../../../src/core/resolve/framePath';
import { createFrameResolver } from '../../../src/core/resolve/frameResolver';
import { generatedCandidates, parentFolders } from '../../../src/core/triage/workspaceFiles';
import { makeTempRepo, type TempRepo } from './tempRepo';

const ON_DISK = [
  'src/myapp/orders/__init__.py',
  'src/myapp/orders/utils.py',
  'src/myapp/users/utils.py',
  'services/orders/src/index.js',
  'services/billing/src/index.js',
  'services/orders/dist/orders/index.js',
];
/** In git at the deployed revision only (renamed or deleted since). */
const GONE = ['src/legacy/pricing.js'];

describe('layout gaps found by the matrix', () => {
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo(ON_DISK);
    fs.symlinkSync('/etc', path.join(repo.root, 'escape'));
  });
  after(() => repo.remove());

  it('installedPackagePath keeps the package-relative path of site/dist-packages frames', () => {
    assert.deepEqual(installedPackagePath('/usr/local/lib/python3.11/site-packages/myapp/orders/utils.py'), [
      'myapp',
      'orders',
      'utils.py',
    ]);
    assert.deepEqual(installedPackagePath('C:\\venv\\Lib\\site-packages\\myapp\\app.py'), ['myapp', 'app.py']);
    assert.deepEqual(installedPackagePath('/usr/lib/python3/dist-packages/a/site-packages/b/c.py'), ['b', 'c.py']);
    for (const p of [
      '/usr/lib/python3/dist-packages/six.py',
      '/app/src/x.py',
      '/x/site-packages/node_modules/a/b.js',
      null,
      42,
      '',
    ]) {
      assert.equal(installedPackagePath(p), null, String(p));
    }
  });

  it('resolves an installed copy of the workspace package, never a dependency', () => {
    const r = createFrameResolver({ root: repo.root, files: ON_DISK });
    assert.equal(
      r.resolve({ path: '/venv/lib/python3.11/site-packages/myapp/orders/utils.py', module: null, function: null })
        .file,
      'src/myapp/orders/utils.py',
    );
    assert.equal(
      r.resolve({ path: '/venv/lib/python3.11/site-packages/myapp/orders/__init__.py', module: null, function: null })
        .file,
      'src/myapp/orders/__init__.py',
    );
    // A dependency that happens to share a file name does not match the whole package path.
    assert.equal(
      r.resolve({ path: '/venv/lib/python3.11/site-packages/requests/utils.py', module: null, function: null }).file,
      null,
    );
    assert.equal(
      r.resolve({ path: '/venv/lib/python3.11/site-packages/orders/utils.py', module: null, function: null }).file,
      'src/myapp/orders/utils.py',
    );
  });

  it('confineRevisionPath accepts a file gone from disk inside the root, nothing that leaves it', () => {
    assert.equal(confineRevisionPath(repo.root, 'src/legacy/pricing.js'), 'src/legacy/pricing.js');
    assert.equal(confineRevisionPath(repo.root, 'src/myapp/orders/utils.py'), 'src/myapp/orders/utils.py');
    for (const bad of ['../outside.js', '/etc/passwd', 'escape/nope.js', 'escape/passwd', 'a\0b', ''])
      assert.equal(confineRevisionPath(repo.root, bad), null, bad);
  });

  it('a frame resolves to a file of the deployed revision that today’s tree no longer has', () => {
    const r = createFrameResolver({ root: repo.root, files: [...ON_DISK, ...GONE] });
    assert.equal(
      r.resolve({ path: '/app/src/legacy/pricing.js', module: null, function: null }).file,
      'src/legacy/pricing.js',
    );
  });

  it('a tie is settled by the folder --repo named, and only then', () => {
    const frame = { path: '/app/src/index.js', module: null, function: null };
    const plain = createFrameResolver({ root: repo.root, files: ON_DISK }).resolve(frame);
    assert.equal(plain.file, null);
    assert.deepEqual([...plain.candidates].sort(), ['services/billing/src/index.js', 'services/orders/src/index.js']);
    assert.equal(
      createFrameResolver({ root: repo.root, files: ON_DISK, preferUnder: 'services/orders' }).resolve(frame).file,
      'services/orders/src/index.js',
    );
    assert.equal(
      createFrameResolver({ root: repo.root, files: ON_DISK, preferUnder: 'services' }).resolve(frame).file,
      null,
    );
  });

  it('generatedCandidates looks for build output under the service folders too', () => {
    assert.deepEqual(generatedCandidates(repo.root, '/app/dist/orders/index.js'), []);
    assert.deepEqual(
      generatedCandidates(repo.root, '/app/dist/orders/index.js', parentFolders('services/orders/src/orders/index.ts')),
      ['services/orders/dist/orders/index.js'],
    );
    assert.deepEqual(parentFolders('a/b/c.ts'), ['a/b', 'a']);
    assert.deepEqual(parentFolders(null), []);
  });
});
