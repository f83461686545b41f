/**
 * Relative `sources`: the source-map spec resolves each entry against `sourceRoot`
 * and the map's own URL; when that file is not in the workspace (a bundler that wrote paths
 * relative to its working directory, not to the map), the workspace is searched by path suffix,
 * as for absolute build-machine paths. Before, an entry that trace-mapping had made absolute
 * inside the root returned null at once: `sources: ["src/orig.js"]` in `dist/app.js.map` gave
 * `file: null` although `src/orig.js` exists. Nothing outside the workspace is ever returned.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSourceMapper } from '../../../src/core/sourcemap/sourceMapper';

describe('source maps with relative sources', () => {
  let root = '';
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  /** A one-line bundle whose first column maps to line 1 of `sources[0]`. */
  const bundle = (map: Record<string, unknown>): void => {
    write('dist/app.js', 'throw new Error("x");\n//# sourceMappingURL=app.js.map\n');
    write('dist/app.js.map', JSON.stringify({ version: 3, names: [], mappings: 'AAAA', ...map }));
  };
  const fileAt = (): string | null => createSourceMapper({ root }).mapPosition('dist/app.js', 1, 1)?.file ?? null;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-relsrc-')));
    write('src/orig.js', 'throw new Error("x");\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a source relative to the build directory, not to the map, is found by its path', () => {
    bundle({ sources: ['src/orig.js'] });
    assert.equal(fileAt(), 'src/orig.js');
  });

  it('the spec resolution wins when that file exists', () => {
    bundle({ sources: ['src/orig.js'] });
    write('dist/src/orig.js', 'throw new Error("x");\n');
    assert.equal(fileAt(), 'dist/src/orig.js');
  });

  it('resolves against sourceRoot and the map URL: ../src and a relative sourceRoot', () => {
    bundle({ sources: ['../src/orig.js'] });
    assert.equal(fileAt(), 'src/orig.js');
    bundle({ sourceRoot: '../', sources: ['src/orig.js'] });
    assert.equal(fileAt(), 'src/orig.js');
    bundle({ sourceRoot: 'webpack:///', sources: ['./src/orig.js'] });
    assert.equal(fileAt(), 'src/orig.js');
  });

  it('a source that climbs out of the workspace never names a file outside it', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.js'), 'x\n');
    try {
      const up = path.relative(path.join(root, 'dist'), path.join(outside, 'secret.js'));
      bundle({ sources: [up] });
      assert.equal(fileAt(), null);
      // The same name inside the workspace is what the suffix search may find, and only that.
      write('lib/secret.js', 'x\n');
      const found = fileAt();
      assert.ok(found === null || found === 'lib/secret.js', String(found));
      bundle({ sources: ['/etc/hostname'] });
      assert.equal(fileAt(), null);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
