/**
 * `{test}`: the regression test Culprit writes from the event's failing request (here a curl
 * replay, the repository naming no test framework) is the reproduction, run against the service
 * started at each step. The step is bad only when the service prints the same TypeError from the
 * same frame; the test file carries no credential of the request. Real repos, node and curl.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { ALICE, BOB, cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';
import { checkoutState, triageFor } from '../../helpers/verifyRepo';

const SERVER = `'use strict';
const http = require('node:http');
const { createOrder } = require('./src/orders');
http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const order = createOrder(body ? JSON.parse(body) : {});
        res.writeHead(201).end(JSON.stringify(order));
      } catch (err) {
        console.error(err.stack);
        res.writeHead(500).end('{"error":"internal"}');
      }
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
`;

const orders = (rate: string, i: number) => `'use strict';
// revision ${i}
function createOrder(order) {
  const rate = ${rate};
  return { customerId: order.customerId, total: order.amount * (1 - rate) };
}
module.exports = { createOrder };
`;

/** The Sentry event of the 500: the request (with credentials) and the crash in createOrder. */
function sentryEvent(): string {
  const frame = (filename: string, fn: string, lineno: number) => ({
    filename,
    function: fn,
    lineno,
    colno: 5,
    in_app: true,
  });
  return JSON.stringify({
    event_id: '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d',
    platform: 'node',
    environment: 'production',
    request: {
      method: 'POST',
      url: 'https://shop.example.com/api/orders',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer canary-token-5e1f',
        cookie: 'session=canary-cookie-77aa',
        'x-api-key': 'canary-key-0b2c',
      },
      data: '{"customerId":"cus_42","amount":20}',
    },
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'rate')",
          stacktrace: {
            frames: [
              frame('/srv/app/server.js', 'IncomingMessage.<anonymous>', 10),
              frame('/srv/app/src/orders.js', 'createOrder', 4),
            ],
          },
        },
      ],
    },
  });
}

describe('verify with {test}: the generated replay of the failing request (real repos, node, curl)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  it('confirms the bug commit by replaying the request against the service at each step', async () => {
    const repo = createTempRepo();
    repo.write('package.json', '{ "name": "shop", "private": true }\n');
    repo.write('server.js', SERVER);
    repo.write('src/orders.js', orders('0.1', 0));
    repo.commit('Initial import', { author: ALICE });
    repo.tag('v1');
    let bugSha = '';
    for (let i = 1; i <= 5; i++) {
      repo.write('src/orders.js', orders(i >= 2 ? 'order.customer.loyalty.rate' : '0.1', i));
      const sha = repo.commit(i === 2 ? 'Loyalty rates' : `Tune ${i}`, { author: i % 2 ? BOB : ALICE });
      if (i === 2) bugSha = sha;
    }
    repo.tag('v2');
    const before = checkoutState(repo.dir);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const seenTest = path.join(scratch, 'seen-test');
    const url = `http://127.0.0.1:${port}`;
    const repro =
      `PORT=${port} node server.js & pid=$!; ` +
      `for i in $(seq 100); do curl -s -o /dev/null ${url}/ && break; sleep 0.1; done; ` +
      `cp {test} '${seenTest}'; CULPRIT_BASE_URL=${url} sh {test}; s=$?; kill $pid; wait $pid; exit $s`;
    const { ws, event, issue } = await triageFor(repo.dir, sentryEvent(), 'event.json', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, { repro, trusted: true, scratchRoot: path.join(scratch, 'wt') });
    const ver = out.verification!;
    assert.equal(ver.status, 'confirmed', `${ver.summary}\n${JSON.stringify(ver.steps, null, 1)}`);
    assert.equal(ver.commit, bugSha);
    assert.match(ver.summary, /same TypeError at src\/orders\.js:4;/);
    assert.match(ver.command, /sh 'test\/regression\/[\w-]+\.replay\.sh'/);
    const test = readFileSync(seenTest, 'utf8');
    assert.match(test, /cus_42/, 'the replay sends the production body');
    assert.doesNotMatch(test, /canary-/);
    assert.doesNotMatch(test, /-H '(authorization|cookie|x-api-key):/i);
    assert.match(test, /-H 'content-type: application\/json'/);
    assert.equal(checkoutState(repo.dir), before, 'the test was written only into the scratch worktree');
  });
});
