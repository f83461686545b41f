import { flattenFrames } from '../../../src/core/triage/frameSelection';
import assert from 'node:assert/strict';
import { APP, chainOf, parseFixture, where } from './stackFixtures';
import { isLibraryFrame } from '../../../src/core/stack/libraryFrames';
import { parseStackText } from '../../../src/core/stack/parseStackText';
import { cleanRustSymbol } from '../../../src/core/stack/rustStackParser';
import type { ParsedStack } from '../../../src/core/stack/stack.types';

const OOB = 'index out of bounds: the len is 2 but the index is 5';
const RS = `${APP}/rust/src`;

/** Frames the triage would treat as application code (not library by the shared rules). */
function appFrames(p: ParsedStack): ReturnType<typeof where>[] {
  return p.exceptions[0].frames.filter((f) => !isLibraryFrame(f, p.language)).map(where);
}

describe('parseStackText on real Rust panics', () => {
  it('RUST_BACKTRACE=1: message, module-path functions, ./src paths with columns, std frames are library', () => {
    const p = parseFixture('rust-panic');
    assert.equal(p.language, 'rust');
    assert.deepEqual(chainOf(p), [['panic', OOB]]);
    assert.equal(p.exceptions[0].frames.length, 5, "std's panic machinery above the panic location is dropped");
    assert.deepEqual(appFrames(p), [
      ['./src/pricing.rs', 'shop::pricing', 'shop::pricing::lookup', 7, 10],
      ['./src/pricing.rs', 'shop::pricing', 'shop::pricing::discount', 2, 11],
      ['./src/main.rs', 'shop', 'shop::handle', 11, 14],
      ['./src/main.rs', 'shop', 'shop::main', 27, 20],
    ]);
    const last = p.exceptions[0].frames[4];
    assert.equal(last.function, 'core::ops::function::FnOnce::call_once');
    assert.ok(isLibraryFrame(last, null), 'library without knowing the language too');
    assert.equal(p.exceptions[0].frames[0].raw, '6: shop::pricing::lookup at ./src/pricing.rs:7:10');
  });

  it('without RUST_BACKTRACE the panic location is the one frame', () => {
    const p = parseFixture('rust-nobacktrace');
    assert.deepEqual(chainOf(p), [['panic', OOB]]);
    assert.deepEqual(p.exceptions[0].frames.map(where), [['src/pricing.rs', null, null, 7, 10]]);
  });

  it('RUST_BACKTRACE=full: addresses and crate hashes stripped, backtrace machinery dropped, glibc frames library', () => {
    const p = parseFixture('rust-full');
    assert.deepEqual(chainOf(p), [['panic', OOB]]);
    const f = p.exceptions[0].frames;
    assert.equal(f[0].function, 'shop::pricing::lookup', 'frames start at the panic location');
    assert.ok(
      f.every((x) => !/\w\[[0-9a-f]{8}/.test(x.function ?? '')),
      'no v0 crate disambiguators',
    );
    assert.deepEqual(appFrames(p).slice(0, 2), [
      [`${RS}/pricing.rs`, 'shop::pricing', 'shop::pricing::lookup', 7, 10],
      [`${RS}/pricing.rs`, 'shop::pricing', 'shop::pricing::discount', 2, 11],
    ]);
    assert.deepEqual(
      appFrames(p).map((x) => x[2]),
      ['shop::pricing::lookup', 'shop::pricing::discount', 'shop::handle', 'shop::main', 'main'],
    );
  });

  it('Result::unwrap panics point at the caller (track_caller)', () => {
    const p = parseFixture('rust-unwrap');
    assert.deepEqual(chainOf(p), [
      ['panic', 'called `Result::unwrap()` on an `Err` value: ParseIntError { kind: InvalidDigit }'],
    ]);
    assert.deepEqual(appFrames(p)[0], ['./src/pricing.rs', 'shop::pricing', 'shop::pricing::parse_qty', 11, 32]);
  });

  it('a panic in a named worker thread run from /: ./rustc and ./tmp paths', () => {
    const p = parseFixture('rust-worker');
    assert.deepEqual(chainOf(p), [['panic', OOB]]);
    assert.deepEqual(
      appFrames(p).map((x) => [x[0], x[2]]),
      [
        ['./tmp/culprit-crashes/app/rust/src/pricing.rs', 'shop::pricing::lookup'],
        ['./tmp/culprit-crashes/app/rust/src/pricing.rs', 'shop::pricing::discount'],
        ['./tmp/culprit-crashes/app/rust/src/main.rs', 'shop::handle'],
        ['./tmp/culprit-crashes/app/rust/src/main.rs', 'shop::main::{{closure}}'],
      ],
    );
  });

  it('a JSON log line from a panic hook: backtrace under its key, message from "message"', () => {
    const p = parseFixture('rust-json-log');
    assert.equal(p.language, 'rust');
    assert.deepEqual(chainOf(p), [['panic', OOB]]);
    assert.deepEqual(
      where(p.exceptions[0].frames[0]),
      ['./src/pricing.rs', 'shop::pricing', 'shop::pricing::lookup', 7, 10],
      "the hook's and std's panic frames are dropped",
    );
  });

  it('docker compose prefixed lines', () => {
    const p = parseFixture('rust-log-prefixed');
    assert.deepEqual(chainOf(p), [['panic', OOB]]);
    assert.equal(appFrames(p).length, 4);
  });

  it("Rust < 1.73: `panicked at 'msg', src/x.rs:7:5`, legacy ::h hashes", () => {
    const old = parseFixture('rust-old');
    assert.deepEqual(chainOf(old), [['panic', OOB]]);
    assert.deepEqual(appFrames(old)[0], ['./src/pricing.rs', 'shop::pricing', 'shop::pricing::lookup', 7, 5]);
    const full = parseFixture('rust-old-full');
    assert.deepEqual(chainOf(full), [['panic', OOB]]);
    assert.deepEqual(
      appFrames(full).map((x) => x[2]),
      ['shop::pricing::lookup', 'shop::pricing::discount', 'shop::handle', 'shop::main::{{closure}}'],
    );
  });

  it('cleans symbols and marks cargo registry / rustup / tokio frames as library', () => {
    assert.deepEqual(cleanRustSymbol('std[e28293b1aa0f68bd]::rt::lang_start_internal'), {
      fn: 'std::rt::lang_start_internal',
      module: 'std::rt',
    });
    assert.deepEqual(cleanRustSymbol('shop::main::h4ccbb331a5c54ba6'), { fn: 'shop::main', module: 'shop' });
    assert.deepEqual(
      cleanRustSymbol('<alloc::vec::Vec<T,A> as core::ops::index::Index<I>>::index').module,
      'alloc::vec::Vec',
    );
    const frame = (path: string | null, fn: string, module: string | null) => ({
      path,
      module,
      function: fn,
      line: 1,
      column: 1,
      inApp: null,
      raw: fn,
    });
    assert.ok(
      isLibraryFrame(
        frame(
          '/root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.38.0/src/runtime/task/mod.rs',
          'x',
          null,
        ),
        'rust',
      ),
    );
    assert.ok(isLibraryFrame(frame('/usr/local/cargo/git/checkouts/axum-1/src/routing.rs', 'x', null), null));
    assert.ok(isLibraryFrame(frame(null, 'tokio::runtime::task::raw::poll', 'tokio::runtime::task::raw'), null));
    assert.ok(!isLibraryFrame(frame('./src/core/mod.rs', 'shop::core::run', 'shop::core'), 'rust'));
    assert.ok(!isLibraryFrame(frame('app/core.py', 'run', 'core'), null), 'a Python module named core is app code');
  });

  it('edge cases: a bare header, odd thread names, garbage numbered lines', () => {
    const p = parseStackText(
      "2026-01-01T00:00:00Z api[1]: thread 'actix-rt|system:0|arbiter:0' panicked at crates/api/src/routes.rs:40:9:\nboom\n",
    );
    assert.deepEqual(p && [chainOf(p), p.exceptions[0].frames.map(where)], [
      [['panic', 'boom']],
      [['crates/api/src/routes.rs', null, null, 40, 9]],
    ]);
    assert.equal(parseStackText('   0: nothing here\n   1: still nothing\n'), null);
    assert.equal(parseStackText("thread 'main' panicked at nowhere"), null);
    const big =
      "thread 'main' panicked at src/a.rs:1:1:\n" + 'x'.repeat(2_000_000) + '\n' + '   0: a::b\n'.repeat(50_000);
    const t = Date.now();
    assert.ok(parseStackText(big));
    assert.ok(Date.now() - t < 3000);
  });
});

describe('parseStackText on current Go, Ruby and PHP output', () => {
  it('Go 1.19 nil pointer dereference with the [signal SIGSEGV] line', () => {
    const p = parseFixture('go-nil-deref');
    assert.deepEqual(chainOf(p), [['panic', 'runtime error: invalid memory address or nil pointer dereference']]);
    assert.deepEqual(where(p.exceptions[0].frames[0]), [`${APP}/go/cmd/httpcrash/main.go`, 'main', 'tierOf', 13, null]);
  });

  it('Go net/http `http: panic serving` log line (Go log timestamp) above the goroutine dump', () => {
    const p = parseFixture('go-http-panic');
    assert.deepEqual(chainOf(p), [['panic', 'runtime error: invalid memory address or nil pointer dereference']]);
    const app = p.exceptions[0].frames.filter((f) => !isLibraryFrame(f, 'go')).map(where);
    assert.deepEqual(app, [
      [`${APP}/go/cmd/httpcrash/main.go`, 'main', 'tierOf', 13, null],
      [`${APP}/go/cmd/httpcrash/main.go`, 'main', 'handler', 16, null],
    ]);
  });

  it('Ruby 3.1 NameError: the `from` lines after error_highlight and `Did you mean?` are kept', () => {
    const p = parseFixture('ruby-did-you-mean');
    assert.equal(p.exceptions[0].type, 'NameError');
    assert.match(p.exceptions[0].value ?? '', /^undefined local variable or method `subtotl' for #<Invoice/);
    assert.deepEqual(p.exceptions[0].frames.map(where), [
      [`${APP}/ruby/app/services/invoice.rb`, null, 'total', 10, null],
      ['invoice.rb', null, '<main>', 13, null],
    ]);
  });

  it('Ruby Logger line with a Rails-style `Class (message):` header', () => {
    const p = parseFixture('ruby-logger');
    assert.equal(p.exceptions[0].type, 'NameError');
    assert.match(p.exceptions[0].value ?? '', /^undefined local variable or method `subtotl'/);
    assert.deepEqual(
      p.exceptions[0].frames.map((f) => [f.path, f.line]),
      [
        [`${APP}/ruby/app/services/invoice.rb`, 10],
        ['invoice.rb', 5],
      ],
    );
  });

  it('PHP 8 TypeError, uncaught and logged with (string) $e and error_log', () => {
    for (const name of ['php-typeerror', 'php-logged']) {
      const p = parseFixture(name);
      assert.equal(p.exceptions[0].type, 'TypeError', name);
      assert.match(
        p.exceptions[0].value ?? '',
        /^total\(\): Argument #1 \(\$lines\) must be of type array, string given/,
      );
      assert.deepEqual(where(p.exceptions[0].frames[0]), [`${APP}/php/src/totals.php`, null, 'total', 2, null], name);
      assert.deepEqual(where(p.exceptions[0].frames[1]), [`${APP}/php/src/totals.php`, null, 'handle', 3, null], name);
    }
  });

  it("PHP 8 error raised inside an internal function: its call site is the caller's line, once", () => {
    const p = parseFixture('php-internal');
    const frames = p.exceptions[0].frames.map(where);
    // array_keys() has no PHP source; line 8 is statementLine's own line, and the crash frame.
    assert.deepEqual(frames, [
      ['[internal]', null, 'array_keys', null, null],
      [`${APP}/php/src/Statements.php`, 'App\\Statements', 'statementLine', 8, null],
      [`${APP}/php/src/Statements.php`, null, '{main}', 12, null],
    ]);
    // The internal function is the runtime's own frame: the first frame of the application is the caller's line.
    const app = flattenFrames(p.exceptions).filter((f) => !isLibraryFrame(f, 'php'));
    assert.deepEqual(where(app[0]), frames[1]);
  });
});
