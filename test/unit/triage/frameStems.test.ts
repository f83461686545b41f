import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { frameStems, pathsWithStems } from '../../../src/core/triage/frameStems';
import { folderNames, generatedCandidates } from '../../../src/core/triage/workspaceFiles';
import { createFrameResolver } from '../../../src/core/resolve/frameResolver';
import type { RawFrame } from '../../../src/core/model/event.types';

const frame = (p: Partial<RawFrame>): RawFrame =>
  ({ path: null, module: null, function: null, line: 1, column: null, ...p }) as RawFrame;

describe('frame stems: list only the files a trace can resolve to', () => {
  it('takes the stem of every name a frame may match (paths, JVM classes, Python modules, mappings)', () => {
    const stems = frameStems(
      [
        frame({ path: '/app/dist/services/Order.service.js' }),
        frame({ path: 'webpack:///./src/[id].tsx?abc' }),
        frame({ path: 'OrderService.java', module: 'com.acme.OrderService$Inner' }),
        frame({ path: null, module: 'app.pricing.discounts' }),
        frame({ path: 'node:internal/timers' }),
      ],
      [{ prod: '/srv/main.py', local: 'tools/entry.py' }],
    );
    for (const s of ['order.service', '[id]', 'orderservice', 'discounts', '__init__', 'entry'])
      assert.ok(stems.has(s), `missing ${s} in ${[...stems].join(',')}`);
  });

  it('filters a NUL-separated listing by stem, any code extension, any case, root files included', () => {
    const listing = ['src/a/Foo.ts', 'lib/foo.js', 'foo.py', 'src/foo.txt', 'src/foobar.js', 'x/index.js', 'z/y'].join(
      '\0',
    );
    assert.deepEqual(pathsWithStems(listing, new Set(['foo'])), ['src/a/Foo.ts', 'lib/foo.js', 'foo.py']);
    assert.deepEqual(pathsWithStems(`${listing}\0`, new Set(['index', 'y'])), ['x/index.js', 'z/y']);
    assert.deepEqual(pathsWithStems(listing, new Set()), []);
    assert.deepEqual(pathsWithStems('', new Set(['foo'])), []);
  });

  it('resolves frames exactly as an index of the whole tree does', () => {
    const all = [
      'services/orders/src/http/server.js',
      'services/billing/src/http/server.js',
      'packages/p1/src/index.js',
      'packages/p2/src/index.ts',
      'services/orders/src/index.js',
      'src/app/pricing/discounts.py',
      'src/main/java/com/acme/OrderService.java',
      ...Array.from({ length: 200 }, (_, i) => `packages/p${i}/src/mod${i}.js`),
    ];
    const frames = [
      frame({ path: '/app/services/orders/src/http/server.js' }),
      frame({ path: '/app/src/http/server.js' }),
      frame({ path: '/srv/services/orders/src/index.js' }),
      frame({ path: 'OrderService.java', module: 'com.acme.OrderService' }),
      frame({ path: '/usr/app/app/pricing/discounts.py', module: 'app.pricing.discounts' }),
      frame({ path: '/app/packages/p7/src/mod7.js' }),
    ];
    const subset = pathsWithStems(all.join('\0'), frameStems(frames));
    assert.ok(subset.length < 12, `listed ${subset.length}`);
    const whole = createFrameResolver({ root: '/nonexistent-root', files: all, mappings: [] });
    const lazy = createFrameResolver({ root: '/nonexistent-root', files: subset, mappings: [] });
    for (const f of frames) assert.deepEqual(lazy.resolve(f), whole.resolve(f), String(f.path));
  });
});

describe('source-map candidates are ruled out before any realpath or stat', () => {
  it('reads each folder once and finds only files that exist', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-probe-'));
    fs.mkdirSync(path.join(root, 'dist/services'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist/services/orders.js'), '//');
    const seen: string[] = [];
    const probe = folderNames(root, new Set(['src/known.js']));
    const counted = (rel: string) => {
      seen.push(rel);
      return probe(rel);
    };
    const found = generatedCandidates(root, '/app/dist/services/orders.js', ['services'], counted);
    assert.deepEqual(found, ['dist/services/orders.js']);
    assert.ok(probe('src/known.js'), 'a listed file needs no directory read');
    assert.ok(!probe('nowhere/else.js'));
    assert.ok(seen.length > 1);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('rules out a guessed folder by its parent listing, without reading the folder itself', function () {
    if (process.platform === 'darwin' || process.platform === 'win32') this.skip(); // case-folding file systems
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-probe-'));
    fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist/a.js'), '//');
    const probe = folderNames(root, new Set());
    assert.ok(probe('dist/a.js'));
    // Made after `dist` was listed: the probe, kept for one trace, answers from that listing.
    fs.mkdirSync(path.join(root, 'dist/late'));
    fs.writeFileSync(path.join(root, 'dist/late/b.js'), '//');
    assert.ok(!probe('dist/late/b.js'), 'dist/late was not in the listing of dist');
    assert.ok(!probe('app/http/server.js'), 'no app folder at the root');
    // Paths whose segments are not plain names are read as they are.
    assert.ok(probe('dist/../dist/a.js'));
    fs.rmSync(root, { recursive: true, force: true });
  });
});
