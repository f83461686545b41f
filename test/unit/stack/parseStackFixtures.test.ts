import assert from 'node:assert/strict';
import { APP, chainOf, parseFixture, where } from './stackFixtures';

const TYPEERROR = "Cannot read properties of undefined (reading 'price')";

describe('parseStackText on real runtime output', () => {
  describe('Node', () => {
    it('parses an uncaught TypeError after the source snippet', () => {
      const p = parseFixture('node-typeerror');
      assert.equal(p.language, 'javascript');
      assert.deepEqual(chainOf(p), [['TypeError', TYPEERROR]]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 10);
      assert.deepEqual(where(f[0]), [`${APP}/node/src/services/pricing.js`, null, 'PricingService.priceFor', 6, 17]);
      assert.deepEqual(where(f[1]), [`${APP}/node/src/routes/orders.js`, null, 'createOrder', 5, 25]);
      assert.deepEqual(where(f[3]), [`${APP}/node/server.js`, null, null, 17, 21]);
      assert.deepEqual(where(f[4]), ['<anonymous>', null, 'Array.forEach', null, null]);
      assert.equal(f[0].raw, `at PricingService.priceFor (${APP}/node/src/services/pricing.js:6:17)`);
      assert.equal(f[0].inApp, null);
      assert.equal(f[9].path, 'node:internal/modules/cjs/loader');
    });

    it('follows a [cause] chain, root cause first, and strips `async`', () => {
      const p = parseFixture('node-cause');
      assert.deepEqual(chainOf(p), [
        ['Error', 'customer 42 not found'],
        ['Error', 'checkout failed'],
      ]);
      assert.deepEqual(
        p.exceptions.map((e) => e.frames.length),
        [2, 1],
      );
      assert.deepEqual(where(p.exceptions[0].frames[0]), [
        `${APP}/node/src/routes/orders.js`,
        null,
        'loadCustomer',
        10,
        9,
      ]);
      assert.deepEqual(where(p.exceptions[0].frames[1]), [`${APP}/node/src/routes/orders.js`, null, 'checkout', 14, 5]);
      assert.deepEqual(where(p.exceptions[1].frames[0]), [
        `${APP}/node/src/routes/orders.js`,
        null,
        'checkout',
        16,
        11,
      ]);
    });

    it('keeps file:/// URLs of ES modules and node:internal paths', () => {
      const p = parseFixture('node-esm');
      assert.deepEqual(chainOf(p), [['TypeError', "Cannot read properties of null (reading 'value')"]]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 5);
      assert.deepEqual(where(f[0]), [`file://${APP}/node/src/esm.mjs`, null, 'parseAmount', 1, 61]);
      assert.deepEqual(where(f[3]), ['node:internal/modules/esm/loader', null, 'ModuleLoader.import', 606, 24]);
    });

    it('finds the stack inside a JSON log line', () => {
      const p = parseFixture('node-json-log');
      assert.equal(p.language, 'javascript');
      assert.deepEqual(chainOf(p), [['TypeError', TYPEERROR]]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 10);
      assert.deepEqual(where(f[0]), [`${APP}/node/src/services/pricing.js`, null, 'PricingService.priceFor', 6, 17]);
      assert.equal(f[8].function, 'Function.executeUserEntryPoint', 'the [as runMain] alias is dropped');
      assert.deepEqual(where(f[9]), ['node:internal/main/run_main_module', null, null, 28, 49]);
    });

    it('strips a per-line log router prefix and skips the log lines around the trace', () => {
      const p = parseFixture('node-log-prefixed');
      assert.deepEqual(chainOf(p), [['TypeError', TYPEERROR]]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 6);
      assert.deepEqual(where(f[3]), [`${APP}/node/server.js`, null, 'Timeout._onTimeout', 15, 20]);
      assert.equal(f[5].raw, 'at process.processTimers (node:internal/timers:519:7)');
    });
  });

  describe('Python', () => {
    const PY = `${APP}/python`;
    it('parses a traceback and reverses it to crashing frame first', () => {
      const p = parseFixture('python-plain');
      assert.equal(p.language, 'python');
      assert.deepEqual(chainOf(p), [['KeyError', "'ZZ9'"]]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 3);
      assert.deepEqual(where(f[0]), [`${PY}/app/services/pricing.py`, null, 'price_for', 5, null]);
      assert.deepEqual(where(f[2]), [`${PY}/main.py`, null, '<module>', 8, null]);
      assert.equal(f[0].raw, `File "${PY}/app/services/pricing.py", line 5, in price_for`);
    });

    it('follows `raise ... from` with a module-qualified type and a multi-line message', () => {
      const p = parseFixture('python-cause');
      assert.deepEqual(chainOf(p), [
        ['KeyError', "'ZZ9'"],
        ['app.errors.NotFound', 'unknown sku ZZ9\nchecked catalog v2'],
      ]);
      assert.deepEqual(
        p.exceptions.map((e) => e.frames.length),
        [3, 2],
      );
      assert.deepEqual(where(p.exceptions[1].frames[0]), [
        `${PY}/app/routes/orders.py`,
        null,
        'create_order_or_404',
        14,
        null,
      ]);
    });

    it('follows "During handling of the above exception"', () => {
      const p = parseFixture('python-context');
      assert.deepEqual(chainOf(p), [
        ['ZeroDivisionError', 'division by zero'],
        ['AttributeError', "module 'app.services.pricing' has no attribute 'missing_helper'"],
      ]);
      assert.deepEqual(where(p.exceptions[0].frames[0]), [`${PY}/app/services/pricing.py`, null, 'discount', 10, null]);
      assert.deepEqual(where(p.exceptions[1].frames[0]), [
        `${PY}/app/routes/orders.py`,
        null,
        'apply_coupon',
        21,
        null,
      ]);
    });

    it('stops the message at the next log record', () => {
      const p = parseFixture('python-logging');
      assert.deepEqual(chainOf(p), [['KeyError', "'ZZ9'"]]);
      assert.equal(p.exceptions[0].frames.length, 3);
    });
  });

  it('Java: Caused by chain, `... N more`, Suppressed skipped, module = class, path = file name', () => {
    const p = parseFixture('java-caused-by');
    assert.equal(p.language, 'java');
    assert.deepEqual(chainOf(p), [
      ['java.lang.NullPointerException', 'Cannot invoke "java.lang.Integer.intValue()" because "unit" is null'],
      ['java.lang.IllegalStateException', 'cannot price order for ZZ9'],
      ['java.lang.RuntimeException', 'POST /orders failed'],
    ]);
    assert.deepEqual(
      p.exceptions.map((e) => e.frames.length),
      [2, 2, 3],
    );
    assert.deepEqual(
      p.exceptions.map((e) => e.framesOmitted === true),
      [true, true, false],
    );
    assert.deepEqual(where(p.exceptions[0].frames[0]), [
      'PricingService.java',
      'com.acme.orders.PricingService',
      'priceFor',
      10,
      null,
    ]);
    assert.deepEqual(where(p.exceptions[2].frames[1]), ['Iterable.java', 'java.lang.Iterable', 'forEach', 75, null]);
    assert.equal(p.exceptions[2].frames[1].raw, 'at java.base/java.lang.Iterable.forEach(Iterable.java:75)');
  });

  describe('Go', () => {
    it('parses the panicking goroutine', () => {
      const p = parseFixture('go-panic');
      assert.equal(p.language, 'go');
      assert.deepEqual(chainOf(p), [['panic', 'runtime error: index out of range [5] with length 3']]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 3);
      assert.deepEqual(where(f[0]), [
        `${APP}/go/internal/pricing/pricing.go`,
        'example.com/shop/internal/pricing',
        '(*Calculator).Price',
        10,
        null,
      ]);
      assert.deepEqual(where(f[2]), [`${APP}/go/main.go`, 'main', 'main', 27, null]);
    });

    it('includes the `created by` frame of a goroutine', () => {
      const p = parseFixture('go-goroutine');
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 4);
      assert.deepEqual(where(f[2]), [`${APP}/go/main.go`, 'main', 'main.func1', 22, null]);
      assert.deepEqual(where(f[3]), [`${APP}/go/main.go`, 'main', 'main', 20, null]);
    });
  });

  describe('Ruby', () => {
    const RB = `${APP}/ruby/app`;
    it('parses the header frame, skips the error_highlight snippet and reads `from` lines', () => {
      const p = parseFixture('ruby-nomethod');
      assert.equal(p.language, 'ruby');
      assert.deepEqual(chainOf(p), [['NoMethodError', "undefined method `[]' for nil:NilClass"]]);
      const f = p.exceptions[0].frames;
      assert.equal(f.length, 5);
      assert.deepEqual(where(f[0]), [`${RB}/services/pricing.rb`, null, 'price_for', 6, null]);
      assert.deepEqual(where(f[2]), ['main.rb', null, 'block in <main>', 6, null]);
    });

    it('reads the cause printed after its exception, root cause first', () => {
      const p = parseFixture('ruby-cause');
      assert.deepEqual(chainOf(p), [
        ['NoMethodError', "undefined method `[]' for nil:NilClass"],
        ['OrderError', 'order failed for ZZ9'],
      ]);
      assert.deepEqual(
        p.exceptions.map((e) => e.frames.length),
        [4, 3],
      );
      assert.deepEqual(where(p.exceptions[1].frames[0]), [
        `${RB}/controllers/orders_controller.rb`,
        null,
        'rescue in create!',
        13,
        null,
      ]);
    });
  });

  describe('PHP', () => {
    const PHP = `${APP}/php`;
    it('adds the throw site and pairs each call site with its function', () => {
      const p = parseFixture('php-uncaught');
      assert.equal(p.language, 'php');
      assert.deepEqual(chainOf(p), [['InvalidArgumentException', 'unknown sku ZZ9']]);
      const f = p.exceptions[0].frames;
      assert.deepEqual(f.map(where), [
        [`${PHP}/src/Service/Pricing.php`, 'App\\Service\\Pricing', 'priceFor', 11, null],
        [`${PHP}/public/index.php`, null, '{main}', 11, null],
      ]);
    });

    it('follows `Next` chains (printed root cause first)', () => {
      const p = parseFixture('php-next');
      assert.deepEqual(chainOf(p), [
        ['InvalidArgumentException', 'unknown sku ZZ9'],
        ['RuntimeException', 'order failed'],
      ]);
      assert.deepEqual(
        p.exceptions.map((e) => e.frames.length),
        [5, 4],
      );
      assert.deepEqual(where(p.exceptions[0].frames[1]), [
        `${PHP}/src/Controller/OrderController.php`,
        'App\\Controller\\OrderController',
        'create',
        11,
        null,
      ]);
      assert.deepEqual(where(p.exceptions[0].frames[3]), [null, null, 'array_map', null, null]);
      assert.deepEqual(where(p.exceptions[1].frames[0]), [
        `${PHP}/src/Controller/OrderController.php`,
        'App\\Controller\\OrderController',
        'create',
        13,
        null,
      ]);
    });
  });

  describe('.NET (Mono)', () => {
    const CS = `${APP}/dotnet/src/Shop`;
    it('splits the ---> chain and the inner-exception frame segments', () => {
      const p = parseFixture('dotnet-inner');
      assert.equal(p.language, 'dotnet');
      assert.deepEqual(chainOf(p), [
        ['System.Collections.Generic.KeyNotFoundException', "The given key 'ZZ9' was not present in the dictionary."],
        ['System.InvalidOperationException', 'order failed for ZZ9'],
      ]);
      assert.deepEqual(
        p.exceptions.map((e) => e.frames.length),
        [3, 2],
      );
      assert.deepEqual(where(p.exceptions[0].frames[0]), [
        null,
        'System.Collections.Generic.Dictionary`2[TKey,TValue]',
        'get_Item',
        null,
        null,
      ]);
      assert.deepEqual(where(p.exceptions[0].frames[1]), [
        `${CS}/Pricing.cs`,
        'Shop.Services.Pricing',
        'PriceFor',
        12,
        null,
      ]);
      assert.deepEqual(where(p.exceptions[1].frames[1]), [`${CS}/Program.cs`, 'Shop.Program', 'Main', 31, null]);
    });

    it('parses a NullReferenceException after "Unhandled Exception:"', () => {
      const p = parseFixture('dotnet-nullref');
      assert.deepEqual(chainOf(p), [
        ['System.NullReferenceException', 'Object reference not set to an instance of an object'],
      ]);
      assert.deepEqual(p.exceptions[0].frames.map(where), [[`${CS}/Program.cs`, 'Shop.Program', 'Main', 29, null]]);
    });
  });
});
