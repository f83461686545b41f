// The crashing frame per runtime (the JSON contract lists it first), on traces captured from real
// programs by scripts/fixtures/crashes/generate.sh: the rule is asserted on flattenFrames, the
// order the triage and the CLI use.
import assert from 'node:assert/strict';
import { APP, parseFixture, where } from './stackFixtures';
import { flattenFrames, titleOf } from '../../../src/core/triage/frameSelection';
import type { ErrorEvent } from '../../../src/core/model/event.types';
import type { ParsedStack } from '../../../src/core/stack/stack.types';

const crashOf = (p: ParsedStack) => where(flattenFrames(p.exceptions)[0]);
const title = (p: ParsedStack) => titleOf({ exceptions: p.exceptions, message: null } as unknown as ErrorEvent);

describe('the crash frame, per runtime (real captures)', () => {
  describe('Go: the first frame below the panic machinery', () => {
    it('net/http: not the deferred recover in (*conn).serve.func1, nor panic() itself', () => {
      const p = parseFixture('go-http-panic');
      assert.deepEqual(crashOf(p), [`${APP}/go/cmd/httpcrash/main.go`, 'main', 'tierOf', 13, null]);
      const fns = p.exceptions[0].frames.map((f) => f.function);
      assert.ok(!fns.includes('(*conn).serve.func1') && !fns.includes('panic'), fns.join(', '));
      // `created by` stays as the goroutine's origin, last.
      assert.equal(fns[fns.length - 1], '(*Server).Serve');
    });

    it('net/http under GOTRACEBACK=system: the same crash frame, the recover dropped', () => {
      const p = parseFixture('go-http-system');
      assert.deepEqual(crashOf(p), [`${APP}/go/cmd/httpcrash/main.go`, 'main', 'tierOf', 13, null]);
      assert.ok(!p.exceptions[0].frames.some((f) => f.function === '(*conn).serve.func1'));
    });

    it('[recovered]: a deferred handler that panics again is not the crash; the first message is the title', () => {
      const p = parseFixture('go-recovered');
      assert.deepEqual(crashOf(p), [`${APP}/go/cmd/recovered/main.go`, 'main', 'discountOf', 7, null]);
      assert.equal(title(p), 'panic: runtime error: invalid memory address or nil pointer dereference');
      assert.ok(!p.exceptions[0].frames.some((f) => f.function === 'handle.func1'));
    });

    it('a panic in a goroutine: its own frames, the `created by` frame last', () => {
      const p = parseFixture('go-goroutine');
      assert.deepEqual(crashOf(p)[2], '(*Calculator).Price');
    });
  });

  describe('Python chains', () => {
    it('`raise … from` (direct cause): the innermost cause first', () => {
      const p = parseFixture('python-cause');
      assert.deepEqual(crashOf(p), [`${APP}/python/app/services/pricing.py`, null, 'price_for', 5, null]);
    });

    it('`During handling`, the handler failed on a line that is not a raise: the outer exception is the crash', () => {
      const p = parseFixture('python-context');
      assert.deepEqual(crashOf(p), [`${APP}/python/app/routes/orders.py`, null, 'apply_coupon', 21, null]);
      assert.match(title(p), /^AttributeError: /);
    });

    it('`During handling`, the handler line is a raise: the inner exception is the root', () => {
      const p = parseFixture('python-context-raise');
      assert.deepEqual(crashOf(p), [`${APP}/python/app/services/pricing.py`, null, 'price_for', 5, null]);
      assert.equal(title(p), 'ValueError: cannot refund ZZ9');
    });

    it('both markers in one chain: cause → wrapped → a handler that failed', () => {
      const p = parseFixture('python-cause-then-context');
      assert.deepEqual(
        p.exceptions.map((e) => e.type),
        ['KeyError', 'app.errors.NotFound', 'AttributeError'],
      );
      assert.deepEqual(crashOf(p), [`${APP}/python/app/routes/orders.py`, null, 'reprice', 34, null]);
      // The rest follow, root cause first, each frame once.
      const all = flattenFrames(p.exceptions).map((f) => `${f.function}:${f.line}`);
      assert.deepEqual(all.slice(0, 3), ['reprice:34', '<module>:26', 'price_for:5']);
    });
  });

  it('JVM: the deepest `Caused by:` first; `Suppressed:` blocks are not part of the chain', () => {
    const p = parseFixture('java-caused-by');
    assert.deepEqual(crashOf(p), ['PricingService.java', 'com.acme.orders.PricingService', 'priceFor', 10, null]);
    assert.ok(!flattenFrames(p.exceptions).some((f) => f.line === 11 && f.path === 'App.java'), 'suppressed frame');
    assert.match(title(p), /^java\.lang\.RuntimeException: POST \/orders failed/);
  });

  it('.NET/Mono: the inner exception (before `--- End of inner exception stack trace ---`) first', () => {
    const p = parseFixture('dotnet-inner');
    const app = flattenFrames(p.exceptions).filter((f) => f.path?.startsWith(APP));
    assert.deepEqual(where(app[0]).slice(2, 4), ['PriceFor', 12]);
    assert.match(title(p), /^System\.InvalidOperationException: order failed for ZZ9/);
  });

  it('Ruby: the `cause` (printed after its exception) first', () => {
    const p = parseFixture('ruby-cause');
    assert.deepEqual(crashOf(p), [`${APP}/ruby/app/services/pricing.rb`, null, 'price_for', 6, null]);
  });

  describe('Ruby/Rails log headers: the title is the exception', () => {
    it('ActiveJob `Error performing ReceiptJob (Job ID: …) from Async(default) in …ms: NoMethodError (…):`', () => {
      const p = parseFixture('ruby-rails-job');
      assert.equal(title(p), "NoMethodError: undefined method `downcase' for nil:NilClass");
      assert.deepEqual(crashOf(p), [`${APP}/ruby/app/jobs/receipt_job.rb`, null, 'perform', 3, null]);
    });

    it('a request-tagged ActionDispatch block behind Logger prefixes', () => {
      const p = parseFixture('ruby-rails-request');
      assert.equal(title(p), "NoMethodError: undefined method `[]' for nil:NilClass");
      assert.deepEqual(
        flattenFrames(p.exceptions).map((f) => [f.function, f.line]),
        [
          ['price_for', 6],
          ['create', 7],
          ['<main>', 24],
        ],
      );
    });
  });
});
