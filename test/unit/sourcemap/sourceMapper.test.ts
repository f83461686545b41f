import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFrameResolver } from '../../../src/core/resolve/frameResolver';
import { createSourceMapper } from '../../../src/core/sourcemap/sourceMapper';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sourcemaps');
const PRICING = 'src/orders/pricing.ts';

function listFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir === '' ? e.name : `${dir}/${e.name}`;
    return e.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** The 1-based line of the statement marked CULPRIT-THROW, read from the real source. */
function throwLine(): number {
  const lines = fs.readFileSync(path.join(FIXTURES, PRICING), 'utf8').split('\n');
  return lines.findIndex((l) => l.includes('CULPRIT-THROW')) + 1;
}

/** The crashing frame of a stack node really printed: `at fn (/abs/path.js:line:col)`. */
function topFrame(stackFile: string): { path: string; line: number; column: number } {
  const text = fs.readFileSync(path.join(FIXTURES, 'dist', stackFile), 'utf8');
  const m = /^\s+at .*?\(?([^\s()]+):(\d+):(\d+)\)?$/m.exec(text);
  assert.ok(m, `no frame in ${stackFile}`);
  return { path: m[1], line: Number(m[2]), column: Number(m[3]) };
}

function tempCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-sourcemap-'));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

describe('createSourceMapper', () => {
  const files = listFiles(FIXTURES);

  for (const [stack, form] of [
    ['bundle.stack.txt', 'a linked map'],
    ['inline.stack.txt', 'an inline data: map'],
    ['rooted.stack.txt', 'a map with a webpack:// sourceRoot'],
    ['external.stack.txt', 'a <file>.map beside the bundle (no comment)'],
  ]) {
    it(`maps a real minified stack frame back to the throwing .ts line through ${form}`, () => {
      const frame = topFrame(stack);
      const resolved = createFrameResolver({ root: FIXTURES, files }).resolve({
        path: frame.path,
        module: null,
        function: null,
      });
      assert.ok(resolved.file?.startsWith('dist/'), `resolved ${String(resolved.file)}`);
      const mapper = createSourceMapper({ root: FIXTURES });
      const pos = mapper.mapPosition(resolved.file!, frame.line, frame.column);
      assert.ok(pos);
      assert.equal(pos.file, PRICING);
      assert.equal(pos.line, throwLine());
      assert.ok(pos.column !== null && pos.column >= 1);
    });
  }

  it('maps a line without a column to its first mapping, and reports unmapped positions', () => {
    const mapper = createSourceMapper({ root: FIXTURES });
    assert.ok(mapper.mapPosition('dist/bundle.min.js', 1, null));
    const r = mapper.mapPositionOrReason('dist/bundle.min.js', 999, 1);
    assert.deepEqual(r.ok ? null : r.reason, 'unmapped');
    assert.equal(mapper.mapPositionOrReason('dist/bundle.min.js', 0, 1).ok, false);
  });

  it('caches parsed maps by (path, size, mtime), bounded', () => {
    const root = tempCopy();
    try {
      const mapper = createSourceMapper({ root, maxEntries: 1, revalidateMs: 0 });
      const { line, column } = topFrame('bundle.stack.txt');
      assert.equal(mapper.mapPosition('dist/bundle.min.js', line, column)?.file, PRICING);
      assert.equal(mapper.mapPosition('dist/bundle.min.js', line, column)?.file, PRICING);
      assert.equal(mapper.cachedMaps, 1);
      // Rewrite the map so its source names another (real) file: the cache must notice.
      fs.copyFileSync(path.join(root, PRICING), path.join(root, 'src/orders/pricing2.ts'));
      const mapPath = path.join(root, 'dist/bundle.min.js.map');
      fs.writeFileSync(mapPath, fs.readFileSync(mapPath, 'utf8').replace('orders/pricing.ts', 'orders/pricing2.ts'));
      fs.utimesSync(mapPath, new Date(), new Date(Date.now() + 5000));
      assert.equal(mapper.mapPosition('dist/bundle.min.js', line, column)?.file, 'src/orders/pricing2.ts');
      assert.ok(mapper.mapPosition('dist/inline.min.js', line, column));
      assert.equal(mapper.cachedMaps, 1);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses maps over 64 MB, invalid maps and generated files outside the root', () => {
    const root = tempCopy();
    try {
      fs.writeFileSync(path.join(root, 'dist/big.js'), 'x();\n//# sourceMappingURL=big.js.map\n');
      fs.writeFileSync(path.join(root, 'dist/big.js.map'), '');
      fs.truncateSync(path.join(root, 'dist/big.js.map'), 65 * 1024 * 1024); // sparse: not read
      fs.writeFileSync(path.join(root, 'dist/bad.js'), 'x();\n//# sourceMappingURL=bad.js.map\n');
      fs.writeFileSync(path.join(root, 'dist/bad.js.map'), '{"version":3,');
      fs.writeFileSync(path.join(root, 'dist/plain.js'), 'x();\n');
      const mapper = createSourceMapper({ root });
      const big = mapper.mapPositionOrReason('dist/big.js', 1, 1);
      assert.ok(!big.ok && big.reason === 'too-large' && /65 MB.*64 MB/.test(big.message), JSON.stringify(big));
      const bad = mapper.mapPositionOrReason('dist/bad.js', 1, 1);
      assert.ok(!bad.ok && bad.reason === 'invalid-map');
      const plain = mapper.mapPositionOrReason('dist/plain.js', 1, 1);
      assert.ok(!plain.ok && plain.reason === 'no-map');
      for (const outside of ['../../etc/passwd', '/etc/passwd', 'dist/\0x.js']) {
        const r = mapper.mapPositionOrReason(outside, 1, 1);
        assert.ok(!r.ok && r.reason === 'outside-workspace', outside);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('never follows a map URL or a map source out of the workspace', () => {
    const root = tempCopy();
    try {
      const map = JSON.parse(fs.readFileSync(path.join(root, 'dist/bundle.min.js.map'), 'utf8'));
      const escape = '../'.repeat(20) + 'etc/hostname';
      fs.writeFileSync(path.join(root, 'dist/escape.js'), `x();\n//# sourceMappingURL=${escape}\n`);
      fs.writeFileSync(
        path.join(root, 'dist/foreign.js'),
        fs.readFileSync(path.join(root, 'dist/bundle.min.js'), 'utf8').replace('bundle.min.js.map', 'foreign.js.map'),
      );
      fs.writeFileSync(
        path.join(root, 'dist/foreign.js.map'),
        JSON.stringify({ ...map, sources: ['/etc/passwd', 'webpack:///./node_modules/lib/index.js'] }),
      );
      fs.symlinkSync('/etc', path.join(root, 'dist/etc'));
      fs.writeFileSync(path.join(root, 'dist/linked.js'), 'x();\n//# sourceMappingURL=etc/hostname\n');
      const mapper = createSourceMapper({ root });
      assert.equal(mapper.mapPositionOrReason('dist/escape.js', 1, 1).ok, false);
      assert.equal(mapper.mapPositionOrReason('dist/linked.js', 1, 1).ok, false);
      const { line, column } = topFrame('bundle.stack.txt');
      const pos = mapper.mapPosition('dist/foreign.js', line, column);
      assert.ok(pos);
      assert.equal(pos.file, null);
      assert.match(pos.source, /etc\/passwd|node_modules/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
