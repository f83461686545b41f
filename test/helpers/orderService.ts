/**
 * A small HTTP order service for verification tests that replay the failing request: `server.js`
 * answers 500 and logs the stack when `createOrder()` throws; one commit of the range makes it read
 * a property of undefined. The Sentry event carries the request (with credentials) and the crash.
 */
import { ALICE, BOB, createTempRepo, type TempRepo } from './gitRepo';

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

// The same service in Python: the handler prints the traceback and answers 500.
const PY_SERVER = `import json, os, sys, traceback
from http.server import BaseHTTPRequestHandler, HTTPServer
from orders import create_order


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            order = create_order(json.loads(body or b"{}"))
            status, out = 201, json.dumps(order).encode()
        except Exception:
            traceback.print_exc()
            sys.stderr.flush()
            status, out = 500, b'{"error":"internal"}'
        self.send_response(status)
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
`;

const pyOrders = (rate: string, i: number) => `# revision ${i}
def create_order(order):
    rate = ${rate}
    return {"customerId": order["customerId"], "total": order["amount"] * (1 - rate)}
`;

const SERVICES = {
  js: { server: 'server.js', orders: 'src/orders.js', text: orders, bug: 'order.customer.loyalty.rate' },
  py: { server: 'server.py', orders: 'orders.py', text: pyOrders, bug: 'order.get("customer").get("loyalty")' },
};

/** The Sentry event of the 500: the request (with credentials) and the crash in createOrder. */
export function orderEvent(lang: keyof typeof SERVICES = 'js'): string {
  const frame = (filename: string, fn: string, lineno: number) => ({
    filename,
    function: fn,
    lineno,
    colno: 5,
    in_app: true,
  });
  return JSON.stringify({
    event_id: '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d',
    platform: lang === 'js' ? 'node' : 'python',
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
          type: lang === 'js' ? 'TypeError' : 'AttributeError',
          value:
            lang === 'js'
              ? "Cannot read properties of undefined (reading 'rate')"
              : "'NoneType' object has no attribute 'get'",
          stacktrace: {
            frames: [
              ...(lang === 'js'
                ? [
                    frame('/srv/app/server.js', 'IncomingMessage.<anonymous>', 10),
                    frame('/srv/app/src/orders.js', 'createOrder', 4),
                  ]
                : [frame('/srv/app/server.py', 'do_POST', 10), frame('/srv/app/orders.py', 'create_order', 3)]),
            ],
          },
        },
      ],
    },
  });
}

/**
 * The service's history (Node or Python), tagged v1..v2: five commits, the second the bug. `files` (a package.json
 * naming the test framework, a .gitignore…) go into the first commit.
 */
export function buildOrderRepo(
  files: Record<string, string>,
  lang: keyof typeof SERVICES = 'js',
): { repo: TempRepo; bugSha: string } {
  const svc = SERVICES[lang];
  const repo = createTempRepo();
  for (const [name, text] of Object.entries(files)) repo.write(name, text);
  repo.write(svc.server, lang === 'js' ? SERVER : PY_SERVER);
  repo.write(svc.orders, svc.text('0.1', 0));
  repo.commit('Initial import', { author: ALICE });
  repo.tag('v1');
  let bugSha = '';
  for (let i = 1; i <= 5; i++) {
    repo.write(svc.orders, svc.text(i >= 2 ? svc.bug : '0.1', i));
    const sha = repo.commit(i === 2 ? 'Loyalty rates' : `Tune ${i}`, { author: i % 2 ? BOB : ALICE });
    if (i === 2) bugSha = sha;
  }
  repo.tag('v2');
  return { repo, bugSha };
}
