// Template frames (Django, Jinja): the `template` interface as getsentry/sentry defines it
// (src/sentry/interfaces/template.py: the docstring's example below, byte for byte) in the SDK
// payload, and as the REST API serves it (an `entries[]` item `{type: "template", data}` whose data
// is the interface's get_api_context: `lineNo`, `filename`, `context` as `[line, text]` pairs from
// stacktrace.get_context; tests/sentry/interfaces/test_template.py test_get_api_context).
import assert from 'node:assert/strict';
import type { RawFrame } from '../../../src/core/model/event.types';
import { MAX_STRING } from '../../../src/core/decode/valueDecoder';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeSentrySdkEvent, looksLikeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { FRAME_CAP } from '../../../src/core/stack/frameFolder';
import { fixtureJson } from './eventFixtures';

/** The interface's own example (Template docstring). */
const OFFICIAL_TEMPLATE = {
  abs_path: '/real/file/name.html',
  filename: 'file/name.html',
  pre_context: ['line1', 'line2'],
  context_line: 'line3',
  lineno: 3,
  post_context: ['line4', 'line5'],
};

/** What get_api_context returns for it: the REST entry's data. */
const OFFICIAL_REST_DATA = {
  lineNo: 3,
  filename: 'file/name.html',
  context: [
    [1, 'line1'],
    [2, 'line2'],
    [3, 'line3'],
    [4, 'line4'],
    [5, 'line5'],
  ],
};

const CONTEXT = { pre: ['line1', 'line2'], line: 'line3', post: ['line4', 'line5'] };

const viewFrame = {
  filename: 'orders/views.py',
  abs_path: '/srv/app/orders/views.py',
  function: 'detail',
  module: 'orders.views',
  lineno: 14,
  in_app: true,
};

function templateFrame(path: string): RawFrame {
  return {
    path,
    module: null,
    function: null,
    line: 3,
    column: null,
    inApp: false,
    raw: `at ${path}:3`,
    context: CONTEXT,
  };
}

describe('Sentry template frames', () => {
  it('SDK: the template is the crash-most frame, its context kept, the stack after it', () => {
    const e = decodeSentrySdkEvent({
      event_id: 'a'.repeat(32),
      platform: 'python',
      exception: { values: [{ type: 'TemplateSyntaxError', value: 'bad tag', stacktrace: { frames: [viewFrame] } }] },
      template: OFFICIAL_TEMPLATE,
    });
    const frames = e.exceptions[0].frames;
    assert.deepEqual(frames[0], templateFrame('/real/file/name.html'));
    assert.deepEqual(
      frames.slice(1).map((f) => [f.path, f.line, f.function]),
      [['/srv/app/orders/views.py', 14, 'detail']],
    );
  });

  it('REST: the template entry gives the same frame, from filename and the context pairs', () => {
    const e = decodeSentryRestEvent({
      eventID: 'b'.repeat(32),
      platform: 'python',
      entries: [
        { type: 'template', data: OFFICIAL_REST_DATA },
        {
          type: 'exception',
          data: {
            values: [
              {
                type: 'TemplateSyntaxError',
                value: 'bad tag',
                stacktrace: { frames: [{ ...viewFrame, absPath: viewFrame.abs_path, lineNo: 14, inApp: true }] },
              },
            ],
          },
        },
      ],
    });
    const frames = e.exceptions[0].frames;
    assert.deepEqual(frames[0], templateFrame('file/name.html'));
    assert.deepEqual([frames[1].path, frames[1].line], ['/srv/app/orders/views.py', 14]);
  });

  it('accepts the legacy key sentry.interfaces.Template, and detects a template-only SDK event', () => {
    const legacy = { event_id: 'c'.repeat(32), 'sentry.interfaces.Template': OFFICIAL_TEMPLATE };
    assert.deepEqual(decodeSentrySdkEvent(legacy).exceptions[0].frames, [templateFrame('/real/file/name.html')]);
    assert.ok(looksLikeSentrySdkEvent({ template: OFFICIAL_TEMPLATE }));
  });

  it('an event with no exception gets a stack of the template alone, under its message', () => {
    const e = decodeSentrySdkEvent({ message: 'Template render failed', template: OFFICIAL_TEMPLATE });
    assert.deepEqual(e.exceptions, [
      { type: null, value: 'Template render failed', frames: [templateFrame('/real/file/name.html')] },
    ]);
    const rest = decodeSentryRestEvent({
      id: '1',
      entries: [
        { type: 'message', data: { formatted: 'Template render failed' } },
        { type: 'template', data: OFFICIAL_REST_DATA },
      ],
    });
    assert.deepEqual(rest.exceptions, [
      { type: null, value: 'Template render failed', frames: [templateFrame('file/name.html')] },
    ]);
  });

  it('goes on the crashing exception of a Python chain (a handler that failed), not the root cause', () => {
    const real = fixtureJson('sentry-python-context.json');
    const before = decodeSentrySdkEvent(real).exceptions;
    const crash = before.findIndex((x) => x.crashing === true);
    assert.ok(crash > 0);
    const after = decodeSentrySdkEvent({ ...real, template: OFFICIAL_TEMPLATE }).exceptions;
    assert.deepEqual(after[crash].frames, [templateFrame('/real/file/name.html'), ...before[crash].frames]);
    assert.deepEqual(after[0], before[0]);
  });

  it('is listed once when the stack already holds the same file and line', () => {
    const inStack = { filename: 'file/name.html', abs_path: '/real/file/name.html', lineno: 3, function: 'render' };
    const e = decodeSentrySdkEvent({
      exception: { values: [{ type: 'E', stacktrace: { frames: [viewFrame, inStack] } }] },
      template: OFFICIAL_TEMPLATE,
    });
    assert.equal(e.exceptions[0].frames.length, 2);
    assert.equal(e.exceptions[0].frames[0].function, 'render');
  });

  it('untrusted input: missing fields, wrong types and huge values never throw and stay bounded', () => {
    const base = { exception: { values: [{ type: 'E', stacktrace: { frames: [viewFrame] } }] } };
    const framesWith = (template: unknown): RawFrame[] =>
      decodeSentrySdkEvent({ ...base, template }).exceptions[0].frames;
    // No file: no frame (Sentry requires filename; nothing to place without it).
    for (const t of [null, 'x.html', 42, [OFFICIAL_TEMPLATE], {}, { lineno: 3 }, { filename: '' }, { filename: ['a'] }])
      assert.equal(framesWith(t).length, 1, JSON.stringify(t));
    // Wrong-typed line and context: the file is kept, the rest dropped.
    const odd = framesWith({
      filename: 'a.html',
      lineno: 'three',
      pre_context: 'x',
      context_line: {},
      post_context: 7,
    });
    assert.deepEqual([odd[0].path, odd[0].line, odd[0].context], ['a.html', null, undefined]);
    // Sentry keeps lineno 0 (test_null_values); the model's lines are 1-based, so it is no line.
    assert.equal(framesWith({ filename: 'a.html', lineno: 0 })[0].line, null);
    assert.equal(framesWith({ filename: 'a.html', lineno: 1e20 })[0].line, null);
    const huge = framesWith({
      abs_path: `/t/${'a'.repeat(1_000_000)}.html`,
      lineno: 2,
      context_line: 'b'.repeat(1_000_000),
      pre_context: new Array(100_000).fill('c'),
    })[0];
    assert.ok((huge.path ?? '').length <= MAX_STRING + 1);
    assert.ok((huge.context?.line ?? '').length <= MAX_STRING + 1);
    assert.ok((huge.context?.pre.length ?? 0) <= 50);
    // A stack at the frame cap stays within it, the template still first.
    const deep = Array.from({ length: 5_000 }, (_, i) => ({ filename: `m${i}.py`, function: `f${i}`, lineno: i + 1 }));
    const capped = decodeSentrySdkEvent({
      exception: { values: [{ type: 'E', stacktrace: { frames: deep } }] },
      template: OFFICIAL_TEMPLATE,
    }).exceptions[0];
    assert.ok(capped.frames.length <= FRAME_CAP, `${capped.frames.length} frames`);
    assert.deepEqual(capped.frames[0], templateFrame('/real/file/name.html'));
    assert.equal(capped.framesOmitted, true);
    // REST: context that is not pairs is skipped pair by pair.
    const rest = decodeSentryRestEvent({
      id: '1',
      entries: [
        { type: 'template', data: { filename: 'a.html', lineNo: 2, context: [[1, 'x'], 'junk', [2], [2, 'y']] } },
      ],
    });
    assert.deepEqual(rest.exceptions[0].frames[0].context, { pre: ['x'], line: 'y', post: [] });
    const badRest = decodeSentryRestEvent({
      id: '1',
      entries: [{ type: 'template', data: { filename: 'a.html', context: 'x' } }],
    });
    assert.equal(badRest.exceptions[0].frames[0].context, undefined);
  });
});
