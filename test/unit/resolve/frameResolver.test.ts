import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createFrameResolver } from '../../../src/core/resolve/frameResolver';
import { makeTempRepo, type TempRepo } from './tempRepo';

const FILES = [
  'src/users/service.ts',
  'src/orders/service.ts',
  'src/orders/pricing.ts',
  'src/app.ts',
  'dist/users/service.js',
  'dist/orders/service.js',
  'dist/orders/pricing.js',
  'packages/web/src/index.ts',
  'packages/api/src/index.ts',
  'services/billing/src/main/java/com/acme/orders/OrderService.java',
  'services/billing/src/main/kotlin/com/acme/orders/Invoice.kt',
  'services/legacy/src/main/java/com/other/OrderService.java',
  'py/app/services/pricing.py',
  'py/app/models/__init__.py',
  'go/internal/orders/price.go',
];

function frame(p: string | null, module: string | null = null) {
  return { path: p, module, function: null };
}

describe('createFrameResolver', () => {
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo(FILES);
    fs.symlinkSync('/etc/hostname', path.join(repo.root, 'src/leak.ts'));
  });
  after(() => repo.remove());
  const resolver = (mappings?: Array<{ prod: string; local: string }>) =>
    createFrameResolver({ root: repo.root, files: [...repo.files, 'src/leak.ts'], mappings });

  it('resolves every path form to the workspace file', () => {
    const cases: Array<[string, string]> = [
      ['webpack:///./src/app.ts', 'src/app.ts'],
      ['webpack://my-app/./src/orders/pricing.ts?a1b2', 'src/orders/pricing.ts'],
      ['app:///src/app.ts', 'src/app.ts'],
      ['https://cdn.example.com/src/app.ts?v=1#x', 'src/app.ts'],
      ['~/src/app.ts', 'src/app.ts'],
      ['C:\\build\\agent\\src\\orders\\pricing.ts', 'src/orders/pricing.ts'],
      ['../../src/users/service.ts', 'src/users/service.ts'],
      ['/proc/self/cwd/go/internal/orders/price.go', 'go/internal/orders/price.go'],
    ];
    for (const [input, expected] of cases) {
      const r = resolver().resolve(frame(input));
      assert.equal(r.file, expected, input);
      assert.notEqual(r.via, 'none');
    }
  });

  it('prefers exact repo-relative and absolute-in-root paths', () => {
    const r = resolver();
    assert.deepEqual(r.resolve(frame('dist/orders/pricing.js')), {
      file: 'dist/orders/pricing.js',
      candidates: [],
      via: 'exact',
    });
    assert.equal(r.resolve(frame(`file://${repo.root}/src/app.ts`)).via, 'exact');
    assert.equal(r.resolve(frame(path.join(repo.root, 'src/users/service.ts'))).file, 'src/users/service.ts');
  });

  it('learns the prefix rewrite from the first unambiguous suffix match', () => {
    const r = resolver();
    const first = r.resolve(frame('/app/dist/users/service.js'));
    assert.deepEqual([first.file, first.via], ['dist/users/service.js', 'suffix']);
    assert.deepEqual(r.learnedPrefix, { prod: ['app'], local: [] });
    const second = r.resolve(frame('/app/dist/orders/service.js'));
    assert.deepEqual([second.file, second.via], ['dist/orders/service.js', 'prefix']);
    // A fresh resolver (another trace) starts without it.
    assert.equal(resolver().learnedPrefix, null);
  });

  it('learns a rewrite that adds a local folder, and falls back when it does not fit', () => {
    const r = resolver();
    assert.equal(r.resolve(frame('/srv/www/orders/pricing.ts')).file, 'src/orders/pricing.ts');
    assert.deepEqual(r.learnedPrefix, { prod: ['srv', 'www'], local: ['src'] });
    assert.deepEqual(r.resolve(frame('/srv/www/app.ts')), { file: 'src/app.ts', candidates: [], via: 'prefix' });
    const other = r.resolve(frame('/srv/www/billing/src/main/java/com/acme/orders/OrderService.java'));
    assert.deepEqual(
      [other.file, other.via],
      ['services/billing/src/main/java/com/acme/orders/OrderService.java', 'suffix'],
    );
  });

  it('applies user mappings, longest production prefix first', () => {
    const r = resolver([
      { prod: '/srv', local: 'nowhere' },
      { prod: '/srv/app/dist', local: 'src' },
    ]);
    const hit = r.resolve(frame('/srv/app/dist/orders/pricing.js'));
    assert.deepEqual([hit.file, hit.via], ['src/orders/pricing.ts', 'mapping']);
    const root = resolver([{ prod: '/app', local: '.' }]).resolve(frame('/app/src/users/service.ts'));
    assert.deepEqual([root.file, root.via], ['src/users/service.ts', 'mapping']);
  });

  it('resolves JVM frames from the class name, including nested classes and Kotlin', () => {
    const r = resolver();
    assert.deepEqual(r.resolve(frame('OrderService.java', 'com.acme.orders.OrderService$Inner')), {
      file: 'services/billing/src/main/java/com/acme/orders/OrderService.java',
      candidates: [],
      via: 'module',
    });
    assert.equal(
      r.resolve(frame('OrderService.java', 'com.other.OrderService')).file,
      'services/legacy/src/main/java/com/other/OrderService.java',
    );
    assert.equal(
      r.resolve(frame('Invoice.kt', 'com.acme.orders.InvoiceKt')).file,
      'services/billing/src/main/kotlin/com/acme/orders/Invoice.kt',
    );
    // A JDK class whose name collides must not resolve by file name alone.
    assert.equal(r.resolve(frame('OrderService.java', 'java.util.OrderService')).file, null);
  });

  it('resolves Python module frames', () => {
    const r = resolver();
    assert.equal(r.resolve(frame(null, 'app.services.pricing')).file, 'py/app/services/pricing.py');
    assert.equal(r.resolve(frame('pricing.py', 'app.services.pricing')).file, 'py/app/services/pricing.py');
    assert.equal(r.resolve(frame(null, 'app.models')).file, 'py/app/models/__init__.py');
    assert.equal(r.resolve(frame(null, '__main__')).file, null);
  });

  it('returns candidates when ambiguous', () => {
    const r = resolver().resolve(frame('webpack:///./src/index.ts'));
    assert.equal(r.file, null);
    assert.equal(r.via, 'none');
    assert.deepEqual([...r.candidates].sort(), ['packages/api/src/index.ts', 'packages/web/src/index.ts']);
    assert.match(r.reason ?? '', /ambiguous/);
  });

  it('rejects foreign frames and hostile paths without touching outside files', () => {
    const r = resolver();
    for (const bad of [
      '/app/node_modules/express/index.js',
      'node:internal/x',
      '<anonymous>',
      'file:///etc/passwd',
      '../../etc/passwd',
      '/etc/passwd',
      'C:\\Windows\\x',
      'src/a\0.ts',
      `/${'x'.repeat(10_000)}.js`,
    ]) {
      const res = r.resolve(frame(bad));
      assert.equal(res.file, null, bad.slice(0, 40));
      assert.equal(res.via, 'none');
    }
    // Listed, but a symlink to /etc/hostname: never returned.
    assert.equal(r.resolve(frame('src/leak.ts')).file, null);
    assert.equal(r.resolve(frame(null)).file, null);
    assert.equal(r.resolve({ path: 42, module: {}, function: null } as never).file, null);
  });
});
