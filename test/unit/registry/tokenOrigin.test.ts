// #18: a stored token is tied to the origin it was checked against at connect time. A trusted
// workspace setting that points the provider's URL at another origin (here: the same host, another
// port) gets no request at all, and the user is asked to reconnect; the verified origin still works.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { originOf, originRefusal, providerFor, PROVIDERS } from '../../../src/core/registry';
import { buildSource } from '../../../src/extension/sources/sourceFactory';
import type { CulpritConfig } from '../../../src/extension/settings';
import type { Logger } from '../../../src/extension/log';

const TOKEN = 'canarytok_ORIGIN_BOUND_1234';

interface Listener {
  url: string;
  seen: Array<{ path: string; auth: string }>;
  close(): Promise<void>;
}

async function listen(): Promise<Listener> {
  const seen: Listener['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', auth: String(req.headers.authorization ?? req.headers['dd-api-key'] ?? '') });
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":"Invalid token"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

const log: Logger & { warned: string[] } = {
  warned: [],
  info: () => undefined,
  warn(line: string) {
    this.warned.push(line);
  },
  error: () => undefined,
  debug: () => undefined,
  addSecrets: () => undefined,
};

function config(provider: CulpritConfig['provider'], url: string): CulpritConfig {
  return {
    provider,
    sentry: { url, org: 'acme', projects: ['orders-api'], environment: 'production', query: '' },
    datadog: { site: 'datadoghq.com', url, service: 'orders-api', env: 'production', query: '' },
    bugsnag: { url, project: 'a'.repeat(24), stage: 'production' },
  } as CulpritConfig;
}

const SECRETS: Record<string, Record<string, string>> = {
  sentry: { token: TOKEN },
  datadog: { apiKey: TOKEN, appKey: `${TOKEN}_APP` },
  bugsnag: { token: TOKEN },
};

describe('stored credentials stay on the origin they were verified against (#18)', () => {
  let verified: Listener;
  let other: Listener;
  before(async () => {
    verified = await listen();
    other = await listen();
  });
  after(async () => {
    await verified.close();
    await other.close();
  });

  it('compares scheme, host and port, with default ports written out', () => {
    assert.equal(originOf('https://sentry.io/'), 'https://sentry.io:443');
    assert.equal(originOf('https://SENTRY.io:443/api'), 'https://sentry.io:443');
    assert.notEqual(originOf('http://sentry.io'), originOf('https://sentry.io'));
    assert.notEqual(originOf('http://127.0.0.1:9000'), originOf('http://127.0.0.1:9001'));
    const dd = providerFor('datadog')!;
    assert.equal(dd.origin({ site: 'datadoghq.eu' }), 'https://api.datadoghq.eu:443');
    assert.match(
      originRefusal(dd, { site: 'datadoghq.eu' }, dd.origin({}))!,
      /api\.datadoghq\.com.*api\.datadoghq\.eu/,
    );
    assert.equal(originRefusal(dd, { site: 'datadoghq.eu' }, dd.origin({ site: 'datadoghq.eu' })), null);
  });

  for (const provider of PROVIDERS) {
    it(`${provider.name}: a URL on the same host and another port gets no request; reconnect is asked for`, async () => {
      const origin = originOf(verified.url);
      const creds = { credentials: async () => ({ values: SECRETS[provider.id], origin }) };
      const setup = await buildSource(config(provider.id, other.url), creds, log);
      assert.equal(setup.kind, 'incomplete');
      const message = setup.kind === 'incomplete' ? setup.message : '';
      assert.match(message, new RegExp(`checked against ${origin}.*now point at ${originOf(other.url)}`));
      assert.match(message, new RegExp(`Culprit: Connect ${provider.name}`));
      assert.ok(!message.includes(TOKEN));
      assert.equal(other.seen.length, 0, 'the other origin got no request');

      // The origin it was verified against is still served, with the token.
      const ok = await buildSource(config(provider.id, verified.url), creds, log);
      assert.equal(ok.kind, 'ready');
      if (ok.kind !== 'ready') return;
      await assert.rejects(ok.setup.source.listSamples({ limit: 1 }));
      assert.ok(
        verified.seen.some((r) => r.auth.includes(TOKEN)),
        'the verified origin received the token',
      );
      assert.equal(other.seen.length, 0);
    });
  }

  it('credentials stored before origins were recorded are not sent until reconnected', async () => {
    const creds = { credentials: async () => ({ values: SECRETS.sentry, origin: null }) };
    const setup = await buildSource(config('sentry', verified.url), creds, log);
    assert.equal(setup.kind, 'incomplete');
    assert.match(setup.kind === 'incomplete' ? setup.message : '', /stored without the host.*Connect Sentry/);
  });
});
