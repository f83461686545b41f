// The history of the demo service "orders-api": several authors over weeks, deploy tags v1.4.0 and
// v1.5.0, one bug-introducing commit among decoys that touch the same files and functions, then
// work after the deploy (a commit and an uncommitted edit) that moves the crashing line.
// Each step lists whole files; `edit` steps patch a file with [search, replace] pairs.

export const AUTHORS = {
  ada: ['Ada Lovelace', 'ada@orders.example'],
  grace: ['Grace Hopper', 'grace@orders.example'],
  linus: ['Linus Torvalds', 'linus@orders.example'],
  margaret: ['Margaret Hamilton', 'margaret@orders.example'],
};

const server = `'use strict';
const http = require('node:http');
const { handleCreateOrder } = require('./routes/orders');
const { reportError } = require('./observability');

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch (err) {
        reject(err);
      }
    });
  });
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url.startsWith('/api/orders')) {
      const order = await handleCreateOrder(await readJson(req));
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(order));
      return;
    }
    res.writeHead(404);
    res.end();
  } catch (err) {
    reportError(err);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'internal error' }));
  }
});

server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => {
  console.log('LISTENING ' + server.address().port);
});
`;

const observability = `'use strict';
// Error reporting hook: the deployment's instrumentation (Sentry, Datadog) registers here.
const handlers = [];

function onError(handler) {
  handlers.push(handler);
}

function reportError(err) {
  for (const h of handlers) h(err);
}

module.exports = { onError, reportError };
`;

const customers = `'use strict';
const CUSTOMERS = {
  cus_1: { id: 'cus_1', name: 'Ada', tier: 'gold' },
  cus_42: { id: 'cus_42', name: 'Grace', tier: 'standard' },
};

async function findCustomer(id) {
  const customer = CUSTOMERS[id];
  if (!customer) {
    throw new Error('unknown customer ' + id);
  }
  return customer;
}

module.exports = { findCustomer };
`;

const pricing = `'use strict';
const TIER_DISCOUNTS = { standard: 0, silver: 0.05, gold: 0.1 };

function subtotal(items) {
  return items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
}

function applyDiscount(amount, customer) {
  const rate = TIER_DISCOUNTS[customer.tier] || 0;
  return amount * (1 - rate);
}

function roundMoney(amount) {
  return Math.round(amount * 100) / 100;
}

function quote(items, customer) {
  const amount = subtotal(items);
  const discounted = applyDiscount(amount, customer);
  return roundMoney(discounted);
}

module.exports = { quote, applyDiscount, subtotal };
`;

const orders = `'use strict';
const { findCustomer } = require('../services/customers');
const { quote } = require('../services/pricing');

let nextId = 1000;

function normalizeItem(item) {
  return { sku: String(item.sku), unitPrice: Number(item.unitPrice), quantity: Number(item.quantity) };
}

async function handleCreateOrder(body) {
  const customer = await findCustomer(body.customerId);
  const items = (body.items || []).map(normalizeItem);
  const total = quote(items, customer);
  return { id: 'ord_' + nextId++, customerId: customer.id, total };
}

module.exports = { handleCreateOrder };
`;

const readme = `# orders-api

Takes orders and prices them.
`;

const pkg = (version) =>
  JSON.stringify({ name: 'orders-api', version, private: true, main: 'src/server.js' }, null, 2) + '\n';

/** Steps in order. `tag` tags the commit; `uncommitted` leaves the edit in the working tree. */
export const STEPS = [
  {
    author: 'ada',
    date: '2026-09-01T09:12:00Z',
    message: 'Scaffold orders-api service',
    files: {
      'package.json': pkg('1.0.0'),
      'README.md': readme,
      'src/server.js': server,
      'src/observability.js': observability,
    },
  },
  {
    author: 'grace',
    date: '2026-09-03T14:40:00Z',
    message: 'Add customer lookup',
    files: { 'src/services/customers.js': customers },
  },
  {
    author: 'margaret',
    date: '2026-09-08T11:05:00Z',
    message: 'Price orders with tier discounts',
    files: { 'src/services/pricing.js': pricing },
  },
  {
    author: 'ada',
    date: '2026-09-10T16:22:00Z',
    message: 'Create orders through POST /api/orders',
    files: { 'src/routes/orders.js': orders },
  },
  {
    author: 'linus',
    date: '2026-09-29T10:00:00Z',
    message: 'Release 1.4.0',
    files: { 'package.json': pkg('1.4.0') },
    tag: 'v1.4.0',
  },
  // --- the deploy range v1.4.0..v1.5.0 ---
  {
    author: 'grace',
    date: '2026-10-02T09:30:00Z',
    message: 'Log the error class when a request fails',
    edit: {
      'src/server.js': [
        ['    reportError(err);\n', "    console.error('request failed:', err && err.name);\n    reportError(err);\n"],
      ],
    },
  },
  {
    author: 'ada',
    date: '2026-10-06T13:15:00Z',
    message: 'Reformat pricing service',
    edit: {
      'src/services/pricing.js': [
        [
          '  const rate = TIER_DISCOUNTS[customer.tier] || 0;\n  return amount * (1 - rate);',
          '  const rate = TIER_DISCOUNTS[customer.tier]  ||  0;\n  return amount * ( 1 - rate );',
        ],
      ],
    },
  },
  {
    author: 'margaret',
    date: '2026-10-09T15:45:00Z',
    message: 'Reject items with a non-positive quantity',
    edit: {
      'src/routes/orders.js': [
        [
          '  const items = (body.items || []).map(normalizeItem);\n',
          "  const items = (body.items || []).map(normalizeItem);\n  if (items.some((item) => !(item.quantity > 0))) {\n    throw new Error('quantity must be positive');\n  }\n",
        ],
      ],
    },
  },
  {
    author: 'linus',
    date: '2026-10-14T08:50:00Z',
    message: 'Use loyalty programme rates for discounts',
    edit: {
      'src/services/pricing.js': [
        ['  const rate = TIER_DISCOUNTS[customer.tier]  ||  0;', '  const rate = customer.loyalty.discountRate;'],
      ],
      'src/services/customers.js': [
        [
          "  cus_1: { id: 'cus_1', name: 'Ada', tier: 'gold' },",
          "  cus_1: { id: 'cus_1', name: 'Ada', tier: 'gold', loyalty: { discountRate: 0.1 } },",
        ],
      ],
    },
  },
  {
    author: 'margaret',
    date: '2026-10-16T10:20:00Z',
    message: 'Round quotes through a single helper',
    edit: {
      'src/services/pricing.js': [
        ['  return roundMoney(discounted);', '  const total = roundMoney(discounted);\n  return total;'],
      ],
    },
  },
  {
    author: 'grace',
    date: '2026-10-20T17:05:00Z',
    message: 'Document discount tiers',
    edit: {
      'README.md': [
        [
          'Takes orders and prices them.\n',
          'Takes orders and prices them.\n\nDiscounts: standard 0%, silver 5%, gold 10%.\n',
        ],
      ],
    },
  },
  {
    author: 'linus',
    date: '2026-10-21T09:00:00Z',
    message: 'Release 1.5.0',
    files: { 'package.json': pkg('1.5.0') },
    tag: 'v1.5.0',
  },
  // --- after the deploy ---
  {
    author: 'ada',
    date: '2026-11-02T11:30:00Z',
    message: 'Quote in the order currency',
    edit: {
      'src/services/pricing.js': [
        [
          'const TIER_DISCOUNTS = { standard: 0, silver: 0.05, gold: 0.1 };\n',
          'const TIER_DISCOUNTS = { standard: 0, silver: 0.05, gold: 0.1 };\nconst RATES = { EUR: 1, USD: 1.08, GBP: 0.86 };\n\nfunction convert(amount, currency) {\n  return amount * (RATES[currency] || 1);\n}\n',
        ],
      ],
    },
  },
  {
    author: 'grace',
    uncommitted: true,
    edit: {
      'src/services/pricing.js': [
        ["'use strict';\n", "'use strict';\n// TODO: move discount rules into their own module.\n"],
      ],
    },
  },
];

/** The commit that introduced the bug, by message. */
export const BUG_MESSAGE = 'Use loyalty programme rates for discounts';
