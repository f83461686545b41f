/**
 * Hostile frame paths against the resolver and the on-disk lookups over a real temp workspace
 * with symlinks pointing out of it: nothing outside the workspace is resolved or returned. The
 * outside targets are FIFOs, so any attempt to open (read) one would block and fail the test.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFrameResolver } from '../../../src/core/resolve/frameResolver';
import { confineToRoot } from '../../../src/core/resolve/confine';
import { normalizeFramePath } from '../../../src/core/resolve/framePath';
import { generatedCandidates, listWorkspaceFiles } from '../../../src/core/triage/workspaceFiles';

/** The hostile set, given the outside folder (for absolute and file:// paths to it). */
function hostileFramePaths(outside: string): string[] {
  return [
    '../../etc/passwd',
    '../../../../../../../../etc/passwd',
    'src/../../outside/secret.js',
    '/etc/passwd',
    path.join(outside, 'secret.js'),
    `file://${path.join(outside, 'secret.js')}`,
    `file://localhost${path.join(outside, 'secret.js')}`,
    'file:///etc/passwd',
    'src/leak.js',
    'src/link/secret.js',
    'C:\\Windows\\System32\\drivers\\etc\\hosts',
    'c:/Windows/win.ini',
    '\\\\server\\share\\secret.js',
    'src/app.js\u0000../../etc/passwd',
    '\u0000',
    `${'a/'.repeat(5_000)}app.js`,
    `${'../'.repeat(3_400)}etc/passwd`,
    '%2e%2e/%2e%2e/etc/passwd',
    'webpack:///../../../etc/passwd',
    '/proc/self/cwd/../../etc/passwd',
    '/proc/self/root/etc/passwd',
  ];
}

describe('hostile frame paths', () => {
  let dir: string;
  let root: string;
  let outside: string;
  const files = ['src/app.js', 'src/orders/total.js', 'src/leak.js', 'src/link/secret.js', 'secret.js', 'passwd'];

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-hostile-')));
    root = path.join(dir, 'repo');
    outside = path.join(dir, 'outside');
    fs.mkdirSync(path.join(root, 'src', 'orders'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'src', 'app.js'), 'x\n');
    fs.writeFileSync(path.join(root, 'src', 'orders', 'total.js'), 'x\n');
    // Outside targets are FIFOs: opening one for reading blocks, so a read would hang the test.
    execFileSync('mkfifo', [
      path.join(outside, 'secret.js'),
      path.join(outside, 'passwd'),
      path.join(outside, 'secret.js.map'),
    ]);
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'src', 'leak.js'));
    fs.symlinkSync(outside, path.join(root, 'src', 'link'));
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'secret.js'));
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(root, 'passwd'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the resolver returns no file and no candidate outside the workspace', () => {
    for (const p of hostileFramePaths(outside)) {
      // The file list is what git would list: it includes the committed symlinks.
      const resolver = createFrameResolver({ root, files, mappings: [{ prod: '/app', local: '.' }] });
      const t0 = performance.now();
      const res = resolver.resolve({ path: p, module: null, function: 'f' });
      assert.ok(performance.now() - t0 < 200, `slow on ${p.slice(0, 40)}`);
      for (const f of [res.file, ...res.candidates].filter((x): x is string => x !== null)) {
        const real = fs.realpathSync(path.join(root, f));
        assert.ok(real.startsWith(root + path.sep), `${JSON.stringify(p.slice(0, 80))} resolved to ${f} → ${real}`);
      }
      assert.ok(
        res.file === null || ['src/app.js', 'src/orders/total.js'].includes(res.file),
        `${p.slice(0, 60)} → ${res.file}`,
      );
    }
  });

  it('symlinks leading out are refused by name, even though they are workspace entries', () => {
    for (const rel of ['src/leak.js', 'src/link/secret.js', 'secret.js', 'passwd', 'src/link'])
      assert.equal(confineToRoot(root, rel), null, rel);
    assert.equal(confineToRoot(root, 'src/app.js'), 'src/app.js');
  });

  it('confineToRoot refuses absolute, drive, UNC, NUL, escaping and over-long paths', () => {
    for (const p of [
      '/etc/passwd',
      'C:\\x',
      'c:/x',
      '\\\\srv\\x',
      'src/app.js\0',
      'src/../../outside/passwd',
      'a/'.repeat(3_000) + 'x',
      '',
    ]) {
      assert.equal(confineToRoot(root, p), null, JSON.stringify(p.slice(0, 40)));
    }
  });

  it('normalization drops the escaping part: `..` cannot climb above the reported path', () => {
    assert.deepEqual(normalizeFramePath('../../etc/passwd')?.segments, ['etc', 'passwd']);
    assert.equal(normalizeFramePath('src/app.js\u0000x'), null);
    assert.equal(normalizeFramePath('a/'.repeat(5_000)), null);
  });

  it('on-disk lookups (generated files, the untrusted file walk) never step outside', () => {
    for (const p of hostileFramePaths(outside)) {
      for (const rel of generatedCandidates(root, p)) {
        assert.ok(fs.realpathSync(path.join(root, rel)).startsWith(root + path.sep), `${p.slice(0, 60)} → ${rel}`);
      }
    }
    // The walk of an untrusted folder does not follow symlinks: the FIFOs are never listed or opened.
    assert.deepEqual(listWorkspaceFiles(root).sort(), ['src/app.js', 'src/orders/total.js']);
  });
});
