import assert from 'node:assert/strict';
import { rejection } from '../../helpers/rejection';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../../src/core/http/httpClient';
import type { HttpClientOptions } from '../../../src/core/http/http.types';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const SECRET = 'canary-secret-0123456789abcdef';

async function serve(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function client(url: string, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    baseUrl: url,
    provider: 'Test',
    secretHeaders: { Authorization: `Bearer ${SECRET}` },
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...extra,
  });
}

describe('httpClient', () => {
  let srv: { url: string; close: () => Promise<void> } | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('sends auth, repeats array query keys and parses JSON', async () => {
    let seen: http.IncomingHttpHeaders = {};
    let seenUrl = '';
    srv = await serve((req, res) => {
      seen = req.headers;
      seenUrl = req.url ?? '';
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    const r = await client(srv.url).request({ path: '/a/', query: { project: [1, 2], skip: undefined, q: 'x y' } });
    assert.deepEqual(r.data, { ok: true });
    assert.equal(seen.authorization, `Bearer ${SECRET}`);
    assert.equal(seenUrl, '/a/?project=1&project=2&q=x+y');
  });

  it('maps statuses to reasons and never leaks the secret', async () => {
    const lines: string[] = [];
    const codes = [401, 403, 404, 500, 400];
    srv = await serve((req, res) => {
      res.statusCode = Number(req.url?.slice(1));
      res.end(JSON.stringify({ detail: `bad token ${SECRET}` }));
    });
    const c = client(srv.url, { logger: (l) => lines.push(l) });
    const reasons = [];
    for (const code of codes) {
      const e = await rejection(c.request({ path: `/${code}` }));
      reasons.push(e.reason);
      assert.ok(!e.message.includes(SECRET) && !JSON.stringify(e.details).includes(SECRET), e.message);
      assert.ok(e.message.includes(`/${code}`), e.message);
    }
    assert.deepEqual(reasons, ['auth', 'forbidden', 'not-found', 'server', 'invalid-input']);
    assert.ok(lines.length >= codes.length && lines.every((l) => !l.includes(SECRET)));
  });

  it('retries 503 with backoff, then succeeds', async () => {
    let n = 0;
    srv = await serve((_req, res) => {
      n++;
      if (n < 3) {
        res.statusCode = 503;
        res.end('busy');
      } else res.end('[1]');
    });
    const r = await client(srv.url).request({ path: '/x' });
    assert.deepEqual(r.data, [1]);
    assert.equal(n, 3);
  });

  it('does not retry a POST on 503', async () => {
    let n = 0;
    srv = await serve((_req, res) => {
      n++;
      res.statusCode = 503;
      res.end();
    });
    const e = await rejection(client(srv.url).request({ path: '/x', method: 'POST', body: { a: 1 } }));
    assert.equal(e.reason, 'server');
    assert.equal(n, 1);
  });

  it('retries a connection reset mid-body', async () => {
    let n = 0;
    srv = await serve((_req, res) => {
      n++;
      if (n === 1) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      res.end('{"ok":1}');
    });
    const r = await client(srv.url).request({ path: '/x' });
    assert.deepEqual(r.data, { ok: 1 });
    assert.equal(n, 2);
  });

  it('turns HTML, truncated and empty bodies into bad-response naming the endpoint', async () => {
    srv = await serve((req, res) => {
      if (req.url === '/html') {
        res.setHeader('content-type', 'text/html');
        res.end('<html><title>Login</title></html>');
        return;
      }
      if (req.url === '/trunc') {
        res.end('{"a":[1,2');
        return;
      }
      res.end('');
    });
    const c = client(srv.url);
    for (const [p, word] of [
      ['/html', 'HTML'],
      ['/trunc', 'truncated'],
      ['/empty', 'empty'],
    ]) {
      const e = await rejection(c.request({ path: p }));
      assert.equal(e.reason, 'bad-response');
      assert.ok(e.message.includes(p) && e.message.includes(word), e.message);
    }
  });

  it('times out a slow response', async () => {
    srv = await serve((_req, res) => {
      res.write('{');
      setTimeout(() => res.end('}'), 2000).unref();
    });
    const t0 = Date.now();
    const e = await rejection(client(srv.url, { timeoutMs: 150 }).request({ path: '/slow' }));
    assert.equal(e.reason, 'timeout');
    assert.ok(Date.now() - t0 < 1500);
  });

  it('honours an AbortSignal', async () => {
    srv = await serve(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await rejection(client(srv.url).request({ path: '/hang', signal: ac.signal }));
    assert.equal(e.reason, 'cancelled');
  });

  it('caps the response size with a clear error but accepts a large body under it', async () => {
    const big = JSON.stringify({ s: 'x'.repeat(3 * 1024 * 1024) });
    srv = await serve((_req, res) => res.end(big));
    const ok = await client(srv.url, { maxResponseBytes: 4 * 1024 * 1024 }).request({ path: '/big' });
    assert.equal((ok.data as { s: string }).s.length, 3 * 1024 * 1024);
    const e = await rejection(client(srv.url, { maxResponseBytes: 1024 * 1024 }).request({ path: '/big' }));
    assert.equal(e.reason, 'bad-response');
    assert.match(e.message, /larger than the 1 MB cap/);
  });

  it('accepts a 50 MB body under the default 64 MB cap', async function () {
    this.timeout(20_000);
    const big = Buffer.from(JSON.stringify({ s: 'y'.repeat(50 * 1024 * 1024) }));
    srv = await serve((_req, res) => res.end(big));
    const ok = await client(srv.url).request({ path: '/big' });
    assert.equal((ok.data as { s: string }).s.length, 50 * 1024 * 1024);
  });

  it('waits for Retry-After on 429 before one retry, and gives up past the cap', async () => {
    const times: number[] = [];
    srv = await serve((req, res) => {
      times.push(Date.now());
      if (req.url === '/long') {
        res.statusCode = 429;
        res.setHeader('retry-after', '3600');
        res.end();
        return;
      }
      if (times.length === 1) {
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
        res.end();
        return;
      }
      res.end('{}');
    });
    const c = client(srv.url);
    await c.request({ path: '/x' });
    assert.ok(times[1] - times[0] >= 950, `retried after ${times[1] - times[0]}ms`);
    const e = await rejection(c.request({ path: '/long' }));
    assert.equal(e.reason, 'rate-limited');
    assert.match(e.message, /resets in 3600s/);
  });

  it('keeps at most maxConcurrent requests in flight', async () => {
    let cur = 0;
    let peak = 0;
    srv = await serve((_req, res) => {
      cur++;
      peak = Math.max(peak, cur);
      setTimeout(() => {
        cur--;
        res.end('1');
      }, 20);
    });
    const c = client(srv.url, { maxConcurrent: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.request({ path: `/${i}` })));
    assert.ok(peak <= 3 && peak >= 2, `peak ${peak}`);
    assert.equal(c.stats().requests, 12);
    assert.ok(c.stats().maxInFlight <= 3);
  });

  it('refuses absolute URLs on another origin and redirects', async () => {
    srv = await serve((_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'http://evil.example/');
      res.end();
    });
    const c = client(srv.url);
    assert.equal((await rejection(c.request({ path: 'http://evil.example/x' }))).reason, 'invalid-input');
    const e = await rejection(c.request({ path: '/r' }));
    assert.equal(e.reason, 'bad-response');
    assert.match(e.message, /redirect/);
  });
});
