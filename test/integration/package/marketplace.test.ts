// The Marketplace package as `npm run package` makes it: `vsce package` with the manifest's icon
// and metadata, only the bundles and media inside (`vsce ls`), under the 2 MB budget; and the
// manifest a Marketplace page and the Settings editor read (metadata, exact setting types).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifest is free-form JSON
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, any>;
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');

describe('the Marketplace package', function () {
  this.timeout(300_000);
  let files: string[] = [];
  let vsix = '';

  before(() => {
    // The real script: production bundles, `vsce package`, the size check, then the dev bundles back.
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'pipe', timeout: 280_000 });
    vsix = path.join(root, 'culprit.vsix');
    files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  });
  after(() => fs.rmSync(vsix, { force: true }));

  it('comes from the npm registry as a devDependency', () => {
    assert.ok(manifest.devDependencies['@vscode/vsce'], '@vscode/vsce in devDependencies');
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const entry = lock.packages['node_modules/@vscode/vsce'];
    // A registry tarball: an integrity hash, no link, and (when the lockfile records one) an npmjs URL.
    assert.match(entry.integrity, /^sha512-/);
    assert.ok(!entry.link, 'not a linked folder');
    if (entry.resolved) assert.match(entry.resolved, /^https:\/\/registry\.npmjs\.org\//);
  });

  it('holds the bundles, icons and walkthrough, and no source, test or tooling file', () => {
    const shipped = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'media/icon.png'];
    // The walkthrough's sample crash and the repository it is triaged on.
    shipped.push('media/sample/node-crash.txt', 'media/sample/sample-repo.bundle');
    for (const f of shipped) assert.ok(files.includes(f), `${f} missing from: ${files.join(', ')}`);
    for (const step of manifest.contributes.walkthroughs[0].steps)
      assert.ok(files.includes(step.media.markdown), `walkthrough media ${step.media.markdown}`);
    const leaked = files.filter(
      (f) => /^(src|test|scripts|bench|webview\/src|node_modules|docs)\//.test(f) || /\.(ts|map|mjs|cjs)$/.test(f),
    );
    assert.deepEqual(leaked, []);
  });

  it('stays under 2 MB', () => {
    const size = fs.statSync(vsix).size;
    assert.ok(size > 10_000 && size < 2 * 1024 * 1024, `${size} bytes`);
  });

  it('has a 128-px PNG icon, banner, links, categories and keywords', () => {
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    for (const url of [manifest.homepage, manifest.bugs.url, manifest.repository.url]) assert.match(url, /^https:\/\//);
    assert.ok(!manifest.categories.includes('Debuggers'), 'no Debuggers category without a debugger');
    for (const k of ['sentry', 'datadog', 'bugsnag', 'stack trace', 'git blame', 'production errors'])
      assert.ok(manifest.keywords.includes(k), k);
    assert.ok(manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  });

  it('types every setting exactly, with a description and a scope', () => {
    const props = manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    for (const [key, p] of Object.entries(props)) {
      assert.ok(typeof p.type === 'string', `${key}: type`);
      assert.ok(p.description || p.markdownDescription, `${key}: description`);
      assert.ok(
        ['application', 'machine', 'window', 'resource', 'language-overridable', 'machine-overridable'].includes(
          String(p.scope),
        ),
        `${key}: scope`,
      );
      if (p.type === 'number') assert.ok(!Number.isInteger(p.default), `${key}: an integral setting is "integer"`);
      if (p.type === 'integer') assert.ok(Number.isInteger(p.default), `${key}: integer default`);
      if (p.enum) assert.ok((p.enum as unknown[]).includes(p.default), `${key}: default among the enum`);
    }
  });
});
