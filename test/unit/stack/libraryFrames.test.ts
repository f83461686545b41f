import assert from 'node:assert/strict';
import type { RawFrame } from '../../../src/core/model/event.types';
import { isLibraryFrame } from '../../../src/core/stack/libraryFrames';
import { parseFixture } from './stackFixtures';

function frame(path: string | null, module: string | null = null, fn: string | null = 'f'): RawFrame {
  return { path, module, function: fn, line: 1, column: null, inApp: null, raw: `${path ?? ''} ${module ?? ''}` };
}

describe('isLibraryFrame', () => {
  it('classifies frames of the real Node trace', () => {
    const f = parseFixture('node-typeerror').exceptions[0].frames;
    assert.deepEqual(
      f.map((x) => isLibraryFrame(x, 'javascript')),
      [false, false, false, false, true, false, true, true, true, true],
    );
  });

  it('classifies JVM, .NET and Go frames by package/namespace', () => {
    const java = parseFixture('java-caused-by').exceptions[2].frames;
    assert.deepEqual(
      java.map((x) => isLibraryFrame(x, 'java')),
      [false, true, false],
    );
    const dotnet = parseFixture('dotnet-inner').exceptions[0].frames;
    assert.deepEqual(
      dotnet.map((x) => isLibraryFrame(x, 'dotnet')),
      [true, false, false],
    );
    const go = parseFixture('go-panic').exceptions[0].frames;
    assert.ok(go.every((x) => !isLibraryFrame(x, 'go')));
    assert.ok(isLibraryFrame(frame('/usr/local/go/src/runtime/panic.go', 'runtime', 'gopanic'), 'go'));
    assert.ok(isLibraryFrame(frame('/usr/lib/go-1.19/src/net/http/server.go', 'net/http'), 'go'));
    for (const m of [
      'org.springframework.web.servlet.FrameworkServlet',
      'io.netty.channel.Foo',
      'kotlinx.coroutines.Job',
      'jdk.internal.reflect.X',
      'sun.reflect.Y',
    ]) {
      assert.ok(isLibraryFrame(frame('X.java', m), 'java'), m);
    }
    assert.ok(isLibraryFrame(frame(null, 'Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor'), 'dotnet'));
  });

  it('recognises dependency and runtime paths of each ecosystem', () => {
    const library = [
      '/app/node_modules/express/lib/router/layer.js',
      'C:\\app\\node_modules\\x\\index.js',
      'node:internal/timers',
      'internal/process/task_queues.js',
      '<anonymous>',
      'native',
      '/usr/lib/python3.11/json/decoder.py',
      '/app/.venv/lib/python3.11/site-packages/django/core/handlers/base.py',
      '/usr/lib/python3/dist-packages/requests/api.py',
      '<frozen runpy>',
      '/usr/local/bundle/gems/rack-3.0.0/lib/rack/builder.rb',
      '/var/www/vendor/laravel/framework/src/Illuminate/Pipeline/Pipeline.php',
      'file:///app/node_modules/x/y.mjs',
    ];
    for (const p of library) assert.ok(isLibraryFrame(frame(p)), p);
  });

  it('is conservative: app code and unknown shapes are not library frames', () => {
    const app = [
      '/app/src/services/pricing.js',
      'webpack:///./src/routes/orders.ts',
      '/srv/app/orders/views.py',
      'app/models/user.rb',
      '/var/www/src/Controller/OrderController.php',
      'OrderService.java',
      'C:\\app\\x.js',
      '/home/dev/gems_like/app.rb',
    ];
    for (const p of app) assert.equal(isLibraryFrame(frame(p)), false, p);
    assert.equal(isLibraryFrame(frame('Foo.kt', 'com.acme.javaish.Foo'), 'java'), false);
    assert.equal(isLibraryFrame(frame(null, null, null)), false);
    assert.equal(isLibraryFrame(null as unknown as RawFrame), false);
    assert.equal(isLibraryFrame(frame('/app/main.go', 'main'), 'go'), false);
  });
});
