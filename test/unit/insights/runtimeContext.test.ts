// The runtime, OS, device and app facts the panel shows, read from what the SDKs really send: the
// real @sentry/node capture, Sentry's own SDK samples and REST example, and Bugsnag's recorded
// event (with the Error Reporting API's device and app memory fields added).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decodeBugsnagEvent } from '../../../src/core/providers/bugsnag/bugsnagEvent';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { runtimeFacts } from '../../../src/core/insights/runtimeContext';
import { RECORDED_DIR, recordedBody } from '../../helpers/recordedExchanges';
import { fixtureJson } from '../events/eventFixtures';

const sdkSample = (name: string): unknown =>
  (
    JSON.parse(fs.readFileSync(path.join(RECORDED_DIR, 'sentry', `sdk-event-sample--${name}.json`), 'utf8')) as {
      body: unknown;
    }
  ).body;
const rows = (facts: ReturnType<typeof runtimeFacts>, group: string): Record<string, string> =>
  Object.fromEntries(facts.groups.find((g) => g.group === group)?.rows ?? []);

describe('runtime facts for the panel', () => {
  it('reads runtime, OS, device memory and process uptime from the real @sentry/node event', () => {
    const event = decodeSentryRestEvent(fixtureJson('sentry-rest-event.json'));
    const facts = runtimeFacts(event);
    assert.deepEqual(
      facts.groups.map((g) => g.title),
      ['Runtime', 'Operating system', 'Device', 'App'],
    );
    assert.deepEqual(rows(facts, 'runtime'), { name: 'node', version: 'v20.20.2' });
    assert.equal(rows(facts, 'os').name, 'Debian');
    const device = rows(facts, 'device');
    assert.equal(device.memory, '23.5 GiB');
    assert.equal(device['free memory'], '23.1 GiB');
    assert.equal(device.CPUs, '2');
    const app = rows(facts, 'app');
    assert.equal(app['process memory'], '94.1 MiB');
    assert.match(app['process up'], /^\d+ s$/, 'app_start_time a few seconds before the event');
    assert.deepEqual(facts.notes, [], 'plenty of free memory: no note');
  });

  it("takes a context's kind from its type (.NET server-runtime) and reads the Python and iOS samples", () => {
    const dotnet = runtimeFacts(decodeSentrySdkEvent(sdkSample('csharp-aspnetcore')));
    assert.deepEqual(rows(dotnet, 'runtime'), {
      name: '.NET Core',
      version: '2.1.5',
      description: '.NET Core 4.6.26919.02',
    });
    assert.equal(rows(dotnet, 'os').version, '10.0.17134');
    assert.equal(rows(runtimeFacts(decodeSentrySdkEvent(sdkSample('python-modern'))), 'runtime').version, '3.13.5');
    const ios = runtimeFacts(decodeSentrySdkEvent(sdkSample('cocoa')));
    assert.deepEqual(rows(ios, 'device'), { model: 'iPod5,1', architecture: 'armv7f' });
    assert.equal(rows(ios, 'os').build, '12F69');
  });

  it('notes free memory under 10% of the device (a Sentry device context near its limit)', () => {
    const event = decodeSentryRestEvent(fixtureJson('sentry-rest-event.json'));
    (event.contexts.device as Record<string, unknown>).free_memory = 1_000_000_000;
    assert.deepEqual(runtimeFacts(event).notes, ["free memory 4% of the device's 23.5 GiB at the error"]);
  });

  it("reads Bugsnag's device and app (the recorded event's hostname; documented memory fields)", () => {
    const recorded = decodeBugsnagEvent(recordedBody('bugsnag', 'viewEventById--returns-the-specified-event'));
    assert.deepEqual(rows(runtimeFacts(recorded), 'device'), { host: 'Alexanders-MacBook-Pro.local' });
    const body = recordedBody('bugsnag', 'viewEventById--returns-the-specified-event');
    Object.assign(body.device, {
      osName: 'linux',
      runtimeVersions: { node: '20.11.1' },
      totalMemory: 2_147_483_648,
      freeMemory: 104_857_600,
    });
    Object.assign(body.app, { duration: 720_000, memoryUsage: 500, memoryLimit: 1000 });
    const facts = runtimeFacts(decodeBugsnagEvent(body));
    assert.deepEqual(rows(facts, 'device'), {
      host: 'Alexanders-MacBook-Pro.local',
      OS: 'linux',
      runtime: 'node 20.11.1',
      memory: '2.0 GiB',
      'free memory': '100.0 MiB',
    });
    assert.equal(rows(facts, 'app')['process up'], '12 min');
    assert.deepEqual(facts.notes, ["free memory 5% of the device's 2.0 GiB at the error"]);
  });

  it('shows nothing for hostile or empty contexts, and bounds what it shows', () => {
    const event = decodeSentryRestEvent(fixtureJson('sentry-rest-event.json'));
    event.contexts = {
      runtime: { name: 'x'.repeat(10_000), version: { nested: true } },
      device: { memory_size: -1, free_memory: 'lots', boot_time: 'yesterday' },
      app: [],
      os: null,
    };
    const facts = runtimeFacts(event);
    assert.deepEqual(
      facts.groups.map((g) => g.group),
      ['runtime'],
    );
    assert.equal(rows(facts, 'runtime').name.length, 300);
    assert.deepEqual(runtimeFacts({ ...event, contexts: {} }), { groups: [], notes: [] });
  });
});
