/**
 * The path resolver on hostile frame paths, over a real temp workspace that holds a symlink
 * pointing out of it: whatever production reports, a resolved file is a workspace file whose
 * real path is inside the real root, and resolution stays linear in the path length.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createFrameResolver } from '../../src/core/resolve/frameResolver';
import { normalizeFramePath } from '../../src/core/resolve/framePath';
import { confineToRoot } from '../../src/core/resolve/confine';
import { runFuzz, total } from './fuzzHarness';

const FILES = [
  'src/app.ts',
  'src/orders/total.ts',
  'src/orders/[id].ts',
  'lib/util.py',
  'app/models/order.rb',
  'com/acme/Orders.java',
  'étude/naïve.js',
  'index.js',
];
const SEGMENTS = [
  '..',
  '.',
  '',
  'src',
  'orders',
  'total.ts',
  'app.ts',
  'out',
  'secret.txt',
  'etc',
  'passwd',
  'C:',
  'c:',
  '\\',
  '%2e%2e',
  '%2F',
  '~',
  'file:',
  'file:',
  'webpack:',
  'node_modules',
  '[project]',
  '(rsc)',
  '\0',
  'proc',
  'self',
  'cwd',
  'tmp',
  '..\\..',
  '?',
  '#x',
  'index.js',
  'étude',
  'naïve.js',
  'com',
  'acme',
  'Orders.java',
];

describe('fuzz: path resolver', () => {
  let dir: string;
  let root: string;
  let outside: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-fuzz-resolve-'));
    root = path.join(dir, 'repo');
    outside = path.join(dir, 'out');
    for (const f of FILES) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), '// x\n');
    }
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
    fs.symlinkSync(outside, path.join(root, 'out'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'src', 'secret.txt'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const hostilePath = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          '',
          '/',
          '\\',
          'file://',
          'file:///',
          'webpack:///',
          'app:///',
          'C:\\',
          'c:/',
          '/proc/self/cwd/',
          '~/',
          'http://h/',
          '\\\\?\\',
        ),
        fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 12, size: 'max' }),
        fc.constantFrom('/', '\\'),
      )
      .map(([pre, segs, sep]) => pre + segs.join(sep)),
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc
      .tuple(
        fc.constantFrom('../', 'a/', '%2e%2e/', './'),
        fc.integer({ min: 1, max: 3_000 }),
        fc.constantFrom('etc/passwd', 'src/app.ts', 'out/secret.txt'),
      )
      .map(([s, n, end]) => s.repeat(n) + end),
  );

  it('never resolves outside the workspace, and stays fast on long paths', () => {
    const realRootDir = fs.realpathSync(root);
    const inside = (file: string): void => {
      assert.ok(!path.isAbsolute(file) && !file.split('/').includes('..') && !file.includes('\0'), file);
      const real = fs.realpathSync(path.join(root, file));
      assert.ok(real.startsWith(realRootDir + path.sep), `${file} is really ${real}`);
    };
    const safe = (file: string): void => {
      inside(file);
      assert.ok(FILES.includes(file), `resolved to a non-workspace file ${file}`);
    };
    runFuzz(
      fc.property(
        hostilePath,
        fc.option(fc.constantFrom('com.acme.Orders', 'app.orders', '../../etc', 'out.secret'), { nil: null }),
        (p, module) => {
          // A fresh resolver per case: a learned prefix from one case must not leak into another.
          const resolver = createFrameResolver({
            root,
            files: [...FILES, 'out/secret.txt', 'src/secret.txt'],
            mappings: [{ prod: '/srv', local: '.' }],
          });
          const res = total(() => resolver.resolve({ path: p, module, function: null }), 100_000);
          assert.ok(res);
          if (res.file !== null) safe(res.file);
          for (const c of res.candidates) safe(c);
          total(() => normalizeFramePath(p), 4 * p.length + 100);
          const confined = total(() => confineToRoot(root, p), 10_000);
          if (confined) inside(confined);
        },
      ),
    );
  });
});
