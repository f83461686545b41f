import assert from 'node:assert/strict';
import { normalizeFramePath, splitUserPath } from '../../../src/core/resolve/framePath';

function segs(input: unknown): string | null {
  const n = normalizeFramePath(input);
  return n === null ? null : `${n.absolute ? '/' : ''}${n.segments.join('/')}`;
}

describe('normalizeFramePath', () => {
  const cases: Array<[string, string]> = [
    ['webpack:///./src/x.ts', 'src/x.ts'],
    ['webpack:///src/x.ts', 'src/x.ts'],
    ['webpack://pkg/./x.ts?abc1', 'x.ts'],
    ['webpack://@acme/web/./src/app.tsx?8f3a#frag', 'web/src/app.tsx'],
    ['webpack-internal:///(rsc)/./src/app/page.tsx', 'src/app/page.tsx'],
    ['app:///dist/main.js', 'dist/main.js'],
    ['file:///home/ci/build/src/x.ts', '/home/ci/build/src/x.ts'],
    ['file:///C:/build/src/my%20file.ts', '/build/src/my file.ts'],
    ['https://cdn.example.com/static/js/main.3f2a.js?v=2', 'static/js/main.3f2a.js'],
    ['http://localhost:3000/assets/app.js', 'assets/app.js'],
    ['~/static/js/app.js', 'static/js/app.js'],
    ['/app/dist/users/service.js', '/app/dist/users/service.js'],
    ['C:\\Users\\ci\\app\\src\\a.ts', '/Users/ci/app/src/a.ts'],
    ['d:/work/app/src/a.ts', '/work/app/src/a.ts'],
    ['\\\\server\\share\\app\\x.cs', '/server/share/app/x.cs'],
    ['../../src/x.ts', 'src/x.ts'],
    ['/app/./lib/../src/x.ts', '/app/src/x.ts'],
    ['/proc/self/cwd/services/api/main.go', 'services/api/main.go'],
    ['  /app/x.js  ', '/app/x.js'],
    ['src/users/[id]/page.tsx', 'src/users/[id]/page.tsx'],
    ['/go/src/acme/internal/orders/price.go', '/go/src/acme/internal/orders/price.go'],
  ];
  for (const [input, expected] of cases) {
    it(`normalizes ${JSON.stringify(input)}`, () => assert.equal(segs(input), expected));
  }

  const foreign = [
    '/app/node_modules/express/lib/router.js',
    'webpack:///./node_modules/react-dom/cjs/react-dom.development.js',
    'node:internal/process/task_queues',
    'node:fs',
    'internal/modules/cjs/loader.js',
    '<anonymous>',
    'eval at run (<anonymous>)',
    'native',
    '[eval]',
    '[eval]-wrapper',
    '/usr/lib/python3.11/site-packages/django/core/handlers/base.py',
    '/usr/lib/python3/dist-packages/requests/api.py',
    '<frozen importlib._bootstrap>',
    '<string>',
    '',
    '   ',
    'src/a\0.ts',
    `/app/${'a/'.repeat(5000)}x.js`,
    'data:application/javascript,alert(1)',
  ];
  for (const input of foreign) {
    it(`rejects ${JSON.stringify(input.slice(0, 60))}`, () => assert.equal(normalizeFramePath(input), null));
  }

  it('rejects non-strings without throwing', () => {
    for (const v of [null, undefined, 42, {}, ['a']]) assert.equal(normalizeFramePath(v), null);
  });

  it('stays linear on multi-megabyte hostile input', () => {
    const start = performance.now();
    for (const s of [
      '/'.repeat(4000),
      '\\'.repeat(4000),
      'webpack://'.repeat(400),
      '..'.repeat(2000),
      '?'.repeat(4000),
    ])
      normalizeFramePath(s);
    assert.equal(normalizeFramePath('a'.repeat(5_000_000)), null);
    // A no-hang guard; speed itself is measured by `npm run bench`.
    assert.ok(performance.now() - start < 2000);
  });
});

describe('splitUserPath', () => {
  it('handles ., /, relative and absolute', () => {
    assert.deepEqual(splitUserPath('.'), []);
    assert.deepEqual(splitUserPath('./src/'), ['src']);
    assert.deepEqual(splitUserPath('/srv/app/dist'), ['srv', 'app', 'dist']);
  });
});
