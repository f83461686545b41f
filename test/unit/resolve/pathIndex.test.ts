import assert from 'node:assert/strict';
import { StemIndex } from '../../../src/core/resolve/pathIndex';

const FILES = [
  'src/users/service.ts',
  'src/orders/service.ts',
  'packages/web/src/index.ts',
  'packages/api/src/index.ts',
  'packages/api/src/index.test.ts',
  'lib/router.js',
  'scripts/router.py',
  'README.md',
  'src/main/java/com/acme/orders/OrderService.java',
];

describe('StemIndex', () => {
  const index = StemIndex.build(FILES);

  it('matches upward from the file name, dropping the code extension', () => {
    const m = index.lookup(['app', 'dist', 'users', 'service.js']);
    assert.equal(m.file, 'src/users/service.ts');
    assert.equal(m.depth, 3); // service, users, dist~src
    assert.equal(m.queryPrefix, 1);
    assert.equal(m.localPrefix, 0);
  });

  it('skips build folders that the workspace path does not have', () => {
    const m = index.lookup(['app', 'dist', 'esm', 'orders', 'service.js']);
    assert.equal(m.file, 'src/orders/service.ts');
  });

  it('reports ambiguity with the candidates, best first', () => {
    const m = index.lookup(['src', 'index.ts']);
    assert.equal(m.file, null);
    assert.deepEqual([...m.candidates].sort(), ['packages/api/src/index.ts', 'packages/web/src/index.ts']);
  });

  it('breaks ties by the frame extension, then by fewest extra segments', () => {
    const idx = StemIndex.build(['a/util.js', 'b/util.ts', 'src/x.ts', 'deep/nested/src/x.ts']);
    assert.equal(idx.lookup(['util.ts']).file, 'b/util.ts');
    assert.equal(idx.lookup(['util.js']).file, 'a/util.js');
    assert.equal(idx.lookup(['app', 'dist', 'x.js']).file, 'src/x.ts');
  });

  it('keeps language families apart and is case-insensitive', () => {
    assert.equal(index.lookup(['lib', 'router.py']).file, 'scripts/router.py');
    assert.equal(index.lookup(['LIB', 'Router.JS']).file, 'lib/router.js');
    assert.equal(index.lookup(['readme.md']).file, 'README.md');
    assert.equal(index.lookup(['nothing.ts']).file, null);
  });

  it('anchored lookups need every segment on both sides', () => {
    assert.equal(index.lookup(['users', 'service.js'], null, { anchored: true }).file, null);
    assert.equal(index.lookup(['dist', 'users', 'service.js'], null, { anchored: true }).file, 'src/users/service.ts');
  });

  it('caps the candidate list', () => {
    const many = Array.from({ length: 100 }, (_, i) => `p${i}/index.js`);
    const m = StemIndex.build(many).lookup(['index.js'], null, { maxCandidates: 7 });
    assert.equal(m.file, null);
    assert.equal(m.candidates.length, 7);
  });

  it('builds 75k files and resolves 10k frames correctly', () => {
    const files: string[] = [];
    const frames: string[][] = [];
    for (let p = 0; p < 5; p++) {
      for (let d = 0; d < 150; d++) {
        for (let f = 0; f < 100; f++) {
          const name = f === 0 ? 'index.ts' : `mod${(d * 7 + f) % 2600}.ts`;
          files.push(`projects/proj${p}/packages/pkg${d % 30}/src/dir${p}x${d}/${name}`);
        }
      }
    }
    for (let i = 0; i < 10_000; i++) {
      const parts = files[(i * 7919) % files.length].split('/');
      frames.push(['app', 'dist', ...parts.slice(-3, -1), parts[parts.length - 1].replace('.ts', '.js')]);
    }
    const t0 = performance.now();
    const idx = StemIndex.build(files);

    let resolved = 0;
    for (const frame of frames) if (idx.lookup(frame).file !== null) resolved++;
    const t2 = performance.now();
    // Speed is measured by `npm run bench`; this only guards against a pathological slowdown.
    assert.ok(t2 - t0 < 60_000, `build + lookups took ${(t2 - t0).toFixed(0)} ms`);
    assert.ok(resolved > 9000, `${resolved} resolved`);
  });
});
