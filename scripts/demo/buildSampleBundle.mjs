// Builds media/sample/sample-repo.bundle: the git history of the program whose crash is the bundled
// sample (media/sample/node-crash.txt, captured by scripts/fixtures/crashes/programs/node.sh).
// The walkthrough's "Triage the sample crash" clones it into the extension's storage and triages
// the sample there, never on the open workspace. At v1.1.0 the three files are the ones node.sh
// ran; the commit that made prices objects is the one the range blames.
//   node scripts/demo/buildSampleBundle.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoRepo } from './buildDemoRepo.mjs';

const serverV1 = `'use strict';
const { createOrder } = require('./src/routes/orders');
function handle(req) { return createOrder(req); }
handle({ body: { sku: 'A1', qty: 2 } });
`;

// Byte for byte what node.sh ran (its ESM file is not part of this trace).
const server = `'use strict';
const { createOrder, checkout } = require('./src/routes/orders');
const mode = process.argv[2];
function handle(req) { return createOrder(req); }
if (mode === 'cause') {
  checkout({ customerId: 42 });
} else if (mode === 'json') {
  try { handle({ body: { sku: 'ZZ9', qty: 2 } }); } catch (err) {
    console.log(JSON.stringify({ level: 'error', time: '2026-01-01T00:00:00.000Z', msg: 'request failed', stack: err.stack }));
    process.exitCode = 1;
  }
} else if (mode === 'log') {
  console.log('2026-01-01T00:00:00.000Z info: listening on :3000');
  console.log('2026-01-01T00:00:01.000Z info: GET /health 200 1ms');
  setTimeout(() => handle({ body: { sku: 'ZZ9', qty: 2 } }), 1);
} else {
  [1].forEach(() => handle({ body: { sku: 'ZZ9', qty: 2 } }));
}
`;

const ordersV1 = `'use strict';
const { PricingService } = require('../services/pricing');
const pricing = new PricingService({ A1: { price: 3 } });
function createOrder(req) {
  const total = pricing.priceFor(req.body.sku, req.body.qty);
  return { status: 201, total };
}
module.exports = { createOrder };
`;

const checkoutPart = `async function loadCustomer(id) {
  await new Promise((r) => setTimeout(r, 1));
  throw new Error(\`customer \${id} not found\`);
}
async function checkout(req) {
  try {
    await loadCustomer(req.customerId);
  } catch (err) {
    throw new Error('checkout failed', { cause: err });
  }
}
`;

const STEPS = [
  {
    author: 'ada',
    date: '2026-09-01T09:00:00Z',
    message: 'Orders service: price an order from the catalog',
    files: {
      'server.js': serverV1,
      'src/routes/orders.js': ordersV1,
      'src/services/pricing.js': `'use strict';
class PricingService {
  constructor(catalog) { this.catalog = catalog; }
  priceFor(sku, qty) {
    const item = this.catalog[sku];
    return item ? item.price * qty : 0;
  }
}
module.exports = { PricingService };
`,
    },
    tag: 'v1.0.0',
  },
  {
    author: 'grace',
    date: '2026-09-08T10:30:00Z',
    message: 'Checkout: load the customer first, keep the cause when it fails',
    edit: {
      'src/routes/orders.js': [
        ['module.exports = { createOrder };', `${checkoutPart}module.exports = { createOrder, checkout };`],
      ],
    },
  },
  {
    author: 'linus',
    date: '2026-09-15T16:20:00Z',
    message: 'Prices carry their amount and currency',
    edit: {
      'src/services/pricing.js': [['    return item ? item.price * qty : 0;', '    return item.price.amount * qty;']],
      'src/routes/orders.js': [['{ A1: { price: 3 } }', '{ A1: { price: { amount: 3 } } }']],
    },
  },
  {
    author: 'margaret',
    date: '2026-09-16T08:45:00Z',
    message: 'Server: modes for the checkout and log-format runs',
    files: { 'server.js': server },
    tag: 'v1.1.0',
  },
];

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../media/sample/sample-repo.bundle');
const dir = mkdtempSync(path.join(os.tmpdir(), 'culprit-sample-'));
try {
  buildDemoRepo(dir, STEPS);
  execFileSync('git', ['bundle', 'create', '-q', out, '--all'], { cwd: dir });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
