// Runs the deployed revision of the demo service with the real @sentry/node SDK, sends the request
// that fails in production, and captures the event the SDK sends to a local ingest endpoint.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function ingestServer(onEnvelope) {
  return http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      onEnvelope(body.toString('utf8'));
    });
  });
}

function eventFromEnvelope(text) {
  const lines = text.split('\n');
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const header = JSON.parse(lines[i]);
    if (header.type === 'event') return JSON.parse(lines[i + 1]);
  }
  return null;
}

function post(port, pathName, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: pathName,
        headers: { 'content-type': 'application/json', 'user-agent': 'checkout-web/5.2', 'x-request-id': 'req-7c1d' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Exports `rev` of `repo` into `deployDir` (like a container's /app), runs it with Sentry, sends
 * the failing order and resolves with { envelope, event }.
 */
export async function captureDemoEvent({ repo, rev, deployDir, release }) {
  rmSync(deployDir, { recursive: true, force: true });
  mkdirSync(deployDir, { recursive: true });
  const tar = execFileSync('git', ['archive', '--format=tar', rev], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', deployDir], { input: tar });
  const instrument = path.join(deployDir, 'instrument.js');
  writeFileSync(
    instrument,
    `'use strict';\nconst Sentry = require(${JSON.stringify(require.resolve('@sentry/node'))});\n` +
      `Sentry.init({ dsn: process.env.SENTRY_DSN, release: ${JSON.stringify(release)}, environment: 'production', includeLocalVariables: true, serverName: 'orders-api-7f9c', initialScope: { tags: { region: 'eu-west-1' } } });\n` +
      `require('./src/observability').onError((err) => Sentry.captureException(err));\n`,
  );
  // The SDK's local-variables debugger worker starts asynchronously and misses the very first
  // exception, so the failing order is sent again and a later event is the one kept.
  const envelopes = [];
  let wake = () => {};
  const ingest = ingestServer((text) => {
    if (eventFromEnvelope(text)) envelopes.push(text);
    wake();
  });
  const nth = (n) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no event reached the ingest endpoint within 20 s')), 20000);
      const check = () => {
        if (envelopes.length >= n) {
          clearTimeout(timer);
          resolve(envelopes[n - 1]);
        } else wake = check;
      };
      check();
    });
  const ingestPort = await listen(ingest);
  const child = spawn(process.execPath, ['--require', instrument, 'src/server.js'], {
    cwd: deployDir,
    env: { ...process.env, SENTRY_DSN: `http://publickey@127.0.0.1:${ingestPort}/1`, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const appPort = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the demo service did not start within 20 s')), 20000);
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /LISTENING (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on('exit', (code) => reject(new Error(`the demo service exited (${code})`)));
    });
    const order = JSON.stringify({ customerId: 'cus_42', items: [{ sku: 'book-1', unitPrice: 12.5, quantity: 2 }] });
    // On a loaded machine the worker can lag for a few more exceptions: keep sending the order
    // until an event carries the crashing frame's variables (at most 8 times, then the last one).
    const hasVars = (event) => {
      const frames = event?.exception?.values?.at(-1)?.stacktrace?.frames ?? [];
      const top = frames.filter((f) => f.in_app).at(-1);
      return Boolean(top?.vars && Object.keys(top.vars).length > 0);
    };
    for (let n = 1; n <= 8; n++) {
      const status = await post(appPort, '/api/orders?source=checkout', order);
      if (status !== 500) throw new Error(`expected the order to fail with 500, got ${status}`);
      const envelope = await nth(n);
      const event = eventFromEnvelope(envelope);
      if ((n >= 2 && hasVars(event)) || n === 8) return { envelope, event };
      if (n >= 2) await new Promise((r) => setTimeout(r, 100 * n));
    }
    throw new Error('unreachable');
  } finally {
    child.kill();
    ingest.close();
  }
}
