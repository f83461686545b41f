import assert from 'node:assert/strict';
import { CulpritError } from '../../../src/core/errors';
import { createFileSource, stackHash } from '../../../src/core/providers/file/fileSource';
import { detectAndParse } from '../../../src/core/providers/file/eventFileParser';
import { fixtureJson, fixtureText } from './eventFixtures';

function unknownFormat(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(CulpritError.is(e, 'unknown-format'), `expected unknown-format, got ${String(e)}`);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

describe('detectAndParse', () => {
  it('recognizes each captured format', () => {
    const sdk = detectAndParse(fixtureText('sentry-sdk-event.json'));
    const rest = detectAndParse(fixtureText('sentry-rest-event.json'));
    const envelope = detectAndParse(fixtureText('sentry-envelope.txt'), 'envelope.txt');
    assert.equal(sdk.length, 1);
    assert.deepEqual(rest[0].exceptions, sdk[0].exceptions);
    assert.deepEqual(envelope, sdk);
    const spans = detectAndParse(fixtureText('dd-api-span.json'));
    const agent = detectAndParse(fixtureText('dd-agent-span.json'));
    const logs = detectAndParse(fixtureText('dd-api-log.json'));
    assert.equal(spans[0].commit, '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39');
    assert.equal(agent[0].release, '1.5.0');
    assert.equal(logs[0].tags.status, 'error');
  });

  it('reads arrays, single search results and NDJSON', () => {
    const span = (fixtureJson('dd-api-span.json').data as unknown[])[0];
    assert.equal(detectAndParse(JSON.stringify(span))[0].release, '1.5.0');
    const both = detectAndParse(JSON.stringify([fixtureJson('sentry-sdk-event.json'), span]));
    assert.equal(both.length, 2);
    const ndjson = `${JSON.stringify(fixtureJson('sentry-sdk-event.json'))}\nnot json\n${JSON.stringify(span)}\n`;
    assert.deepEqual(
      detectAndParse(ndjson).map((e) => e.release),
      ['orders-api@1.5.0', '1.5.0'],
    );
  });

  it('reads a JSON log line with a stack field', () => {
    const line = JSON.stringify({
      level: 'error',
      msg: 'boom',
      version: '3.1.0',
      err: { name: 'RangeError', message: 'bad', stack: 'RangeError: bad\n    at f (/srv/a.js:1:2)' },
    });
    const [e] = detectAndParse(line);
    assert.equal(e.release, '3.1.0');
    assert.equal(e.message, 'boom');
    assert.equal(e.exceptions.at(-1)?.type, 'RangeError');
  });

  it('rejects truncated JSON with a message naming the problem and what was tried', () => {
    const text = fixtureText('sentry-sdk-event.json');
    unknownFormat(
      () => detectAndParse(text.slice(0, 500), 'event.json'),
      /event\.json.*does not parse.*truncated\?.*Tried JSON.*Sentry envelope.*plain-text stack trace/s,
    );
  });

  it('rejects JSON that is none of the formats, naming its keys', () => {
    unknownFormat(
      () => detectAndParse('{"hello":"world","n":1}'),
      /none of the known formats \(top-level keys: hello, n\)/,
    );
    unknownFormat(() => detectAndParse('[1,2,3]'), /none of the known formats/);
    unknownFormat(() => detectAndParse('   '), /empty/);
    unknownFormat(() => detectAndParse('just some words'), /no stack trace was found/);
  });
});

describe('createFileSource', () => {
  it('turns each event into a sample with group, title and deploy hint', async () => {
    const source = createFileSource(fixtureText('sentry-sdk-event.json'), 'event.json');
    assert.equal(source.id, 'file');
    const { samples, failures } = await source.listSamples({ limit: 10 });
    assert.deepEqual(failures, []);
    assert.equal(samples.length, 1);
    const [s] = samples;
    assert.equal(s.group.id, fixtureJson('sentry-sdk-event.json').event_id);
    assert.equal(s.group.title, 'Error: Could not price order ord_1000');
    assert.equal(s.group.count, null);
    assert.equal(s.group.source, 'file');
    assert.equal(s.group.release, 'orders-api@1.5.0');
    assert.equal(s.group.environment, 'production');
    assert.equal(s.group.firstSeen, s.event.timestamp);
    assert.deepEqual(s.deploy, { to: 'orders-api@1.5.0', from: null });
  });

  it('prefers the commit for the deploy hint and hashes the stack when there is no id', async () => {
    const spans = await createFileSource(fixtureText('dd-api-span.json')).listSamples({ limit: 5 });
    assert.deepEqual(spans.samples[0].deploy, { to: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', from: null });
    const noId = {
      exception: { values: [{ type: 'E', value: 'v', stacktrace: { frames: [{ filename: 'a.js', lineno: 1 }] } }] },
    };
    const { samples } = await createFileSource(JSON.stringify(noId)).listSamples({ limit: 5 });
    assert.match(samples[0].group.id, /^file-[0-9a-f]{12}$/);
    assert.equal(samples[0].group.id, `file-${stackHash(samples[0].event)}`);
    assert.equal(samples[0].group.title, 'E: v');
  });

  it('honours the limit and rejects unknown input with a CulpritError', async () => {
    const many = JSON.stringify(
      [1, 2, 3].map((i) => ({ event_id: `e${i}`, exception: { values: [{ type: 'E', value: String(i) }] } })),
    );
    assert.equal((await createFileSource(many).listSamples({ limit: 2 })).samples.length, 2);
    await assert.rejects(createFileSource('{"a":1}', 'x.json').listSamples({ limit: 1 }), (e: unknown) =>
      CulpritError.is(e, 'unknown-format'),
    );
  });
});
