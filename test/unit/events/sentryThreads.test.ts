// Sentry events whose exception has no stacktrace of its own (native and mobile crashes: the
// frames travel in the `threads` interface, the exception names its thread with `thread_id`).
// Shapes as Sentry documents them (develop.sentry.dev/sdk/event-payloads/threads/ and
// …/exception/: `thread_id` on the exception, `id`/`crashed`/`current`/`stacktrace` on threads).
import assert from 'node:assert/strict';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';

const mainThread = {
  id: 0,
  name: 'main',
  crashed: false,
  current: false,
  stacktrace: { frames: [{ function: 'UIApplicationMain', package: 'UIKitCore', in_app: false }] },
};
const worker = {
  id: 7,
  name: 'orders.sync',
  crashed: true,
  current: true,
  stacktrace: {
    // Oldest call first, as Sentry sends them.
    frames: [
      { function: 'start_wqthread', package: 'libsystem_pthread.dylib', in_app: false },
      {
        function: 'OrderSync.run()',
        filename: 'OrderSync.swift',
        abs_path: '/src/App/OrderSync.swift',
        lineno: 40,
        in_app: true,
      },
      {
        function: 'Pricing.total(_:)',
        filename: 'Pricing.swift',
        abs_path: '/src/App/Pricing.swift',
        lineno: 12,
        in_app: true,
      },
    ],
  },
};
const exception = {
  type: 'EXC_BAD_ACCESS',
  value: 'Attempted to dereference null pointer.',
  mechanism: { type: 'mach', handled: false },
};

describe('Sentry events whose exception has no stacktrace but its thread has one', () => {
  it('SDK payload: the thread named by thread_id gives the frames, crashing frame first', () => {
    const e = decodeSentrySdkEvent({
      event_id: 'a'.repeat(32),
      platform: 'cocoa',
      exception: { values: [{ ...exception, thread_id: 7 }] },
      threads: { values: [mainThread, { ...worker, crashed: false }] },
    });
    assert.equal(e.exceptions.length, 1);
    assert.equal(e.exceptions[0].type, 'EXC_BAD_ACCESS');
    assert.deepEqual(
      e.exceptions[0].frames.map((f) => [f.function, f.line]),
      [
        ['Pricing.total(_:)', 12],
        ['OrderSync.run()', 40],
        ['start_wqthread', null],
      ],
    );
  });

  it('without thread_id: the crashed thread, not the first one', () => {
    const e = decodeSentrySdkEvent({ exception: { values: [exception] }, threads: { values: [mainThread, worker] } });
    assert.equal(e.exceptions[0].frames[0].function, 'Pricing.total(_:)');
  });

  it('an exception with its own frames keeps them; no thread with frames leaves it empty', () => {
    const own = { ...exception, stacktrace: { frames: [{ function: 'own', lineno: 1 }] } };
    assert.equal(
      decodeSentrySdkEvent({ exception: { values: [own] }, threads: { values: [worker] } }).exceptions[0].frames[0]
        .function,
      'own',
    );
    const none = decodeSentrySdkEvent({ exception: { values: [exception] }, threads: { values: [{ id: 1 }] } });
    assert.deepEqual(none.exceptions[0].frames, []);
  });

  it('REST event: the `threads` entry and `threadId`', () => {
    const rest = (f: Record<string, unknown>) => ({
      filename: f.filename ?? null,
      absPath: f.abs_path ?? null,
      function: f.function,
      lineNo: f.lineno ?? null,
      inApp: f.in_app,
    });
    const e = decodeSentryRestEvent({
      id: 'b'.repeat(32),
      entries: [
        { type: 'exception', data: { values: [{ ...exception, threadId: 7, stacktrace: null }] } },
        {
          type: 'threads',
          data: {
            values: [
              { ...mainThread, stacktrace: { frames: mainThread.stacktrace.frames.map(rest) } },
              { ...worker, crashed: false, stacktrace: { frames: worker.stacktrace.frames.map(rest) } },
            ],
          },
        },
      ],
    });
    assert.equal(e.exceptions[0].frames[0].function, 'Pricing.total(_:)');
    assert.equal(e.exceptions[0].frames[0].line, 12);
  });
});
