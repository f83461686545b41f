/**
 * The services the layout × history matrix deploys and crashes: one small Node service (CommonJS,
 * ESM or TypeScript) and one Python package, each with files that share a name in different
 * folders (`index.js`, `__init__.py`, `utils.py`) so only the directory suffix tells them apart.
 * Every app has the same history shape (see matrixHistory.ts): a base, decoys, the bug, a late
 * decoy inside the deploy range, and a post-deploy edit that moves the crashing line.
 */

/** `[file, search, replace]`, applied to the file's text. */
export type Edit = [string, string, string];

export interface AppSpec {
  /** Files at the previous deploy, relative to the service folder. */
  base: Record<string, string>;
  decoy: Edit;
  bug: Edit;
  lateDecoy: Edit;
  /** After the deploy: moves the crashing line down. */
  post: Edit;
  /** The crashing file and line at the deploy (service-relative), its function, and the line after `post`. */
  crash: { file: string; line: number; localLine: number; function: string };
}

const ordersJs = (esm: boolean): string =>
  [
    esm
      ? "import { findCustomer } from '../users/index.mjs';"
      : "'use strict';\nconst { findCustomer } = require('../users/index.js');",
    '',
    'const TIERS = { gold: 0.1, standard: 0 };',
    '',
    'function discountRate(customer) {',
    '  return TIERS[customer.tier] ?? 0;',
    '}',
    '',
    'function quote(order) {',
    '  const customer = findCustomer(order.customerId);',
    '  const rate = discountRate(customer);',
    '  return Math.round(order.amount * (1 - rate) * 100) / 100;',
    '}',
    '',
    esm ? 'export { quote };' : 'module.exports = { quote };',
    '',
  ].join('\n');

const usersJs = (esm: boolean): string =>
  [
    esm ? '' : "'use strict';",
    "const CUSTOMERS = { c1: { id: 'c1', tier: 'standard' } };",
    '',
    'function findCustomer(id) {',
    "  return CUSTOMERS[id] ?? { id, tier: 'standard' };",
    '}',
    '',
    esm ? 'export { findCustomer };' : 'module.exports = { findCustomer };',
    '',
  ].join('\n');

/** CommonJS service: `src/index.js` → `src/orders/index.js` (crash) with `src/users/index.js` beside it. */
export function nodeApp(crashFile = 'src/orders/index.js'): AppSpec {
  const requireOrders = `./${crashFile.slice('src/'.length)}`;
  // The crash sits on line 7 when the file starts with 'use strict' and the require.
  return {
    base: {
      'src/index.js': `'use strict';\nconst { quote } = require('${requireOrders}');\n\nfunction handle(order) {\n  return { total: quote(order) };\n}\n\nmodule.exports = { handle };\n`,
      [crashFile]: ordersJs(false),
      'src/users/index.js': usersJs(false),
      'package.json': '{ "name": "orders-api", "version": "1.0.0", "private": true }\n',
    },
    decoy: [
      'src/users/index.js',
      "  return CUSTOMERS[id] ?? { id, tier: 'standard' };",
      "  return CUSTOMERS[id] ?? { id, tier: 'standard', loyalty: undefined };",
    ],
    bug: [crashFile, '  return TIERS[customer.tier] ?? 0;', '  return customer.loyalty.rate;'],
    lateDecoy: [
      crashFile,
      '  return Math.round(order.amount * (1 - rate) * 100) / 100;',
      '  const total = order.amount * (1 - rate);\n  return Math.round(total * 100) / 100;',
    ],
    post: [
      crashFile,
      "'use strict';\n",
      "'use strict';\n// Pricing rules: see docs/pricing.md.\n// Rates are fractions of one.\n",
    ],
    crash: { file: crashFile, line: 7, localLine: 9, function: 'discountRate' },
  };
}

/** The same service as ES modules: production frames are `file://` URLs. */
export function esmApp(): AppSpec {
  return {
    base: {
      'src/index.mjs':
        "import { quote } from './orders/index.mjs';\n\nexport function handle(order) {\n  return { total: quote(order) };\n}\n",
      'src/orders/index.mjs': ordersJs(true),
      'src/users/index.mjs': usersJs(true),
      'package.json': '{ "name": "orders-api", "version": "1.0.0", "private": true }\n',
    },
    decoy: [
      'src/users/index.mjs',
      "  return CUSTOMERS[id] ?? { id, tier: 'standard' };",
      "  return CUSTOMERS[id] ?? { id, tier: 'standard', loyalty: undefined };",
    ],
    bug: ['src/orders/index.mjs', '  return TIERS[customer.tier] ?? 0;', '  return customer.loyalty.rate;'],
    lateDecoy: [
      'src/orders/index.mjs',
      '  return Math.round(order.amount * (1 - rate) * 100) / 100;',
      '  const total = order.amount * (1 - rate);\n  return Math.round(total * 100) / 100;',
    ],
    post: [
      'src/orders/index.mjs',
      "import { findCustomer } from '../users/index.mjs';\n",
      "// Pricing rules: see docs/pricing.md.\n// Rates are fractions of one.\nimport { findCustomer } from '../users/index.mjs';\n",
    ],
    crash: { file: 'src/orders/index.mjs', line: 6, localLine: 8, function: 'discountRate' },
  };
}

/** TypeScript compiled to a git-ignored `dist/` (esbuild, external `.js.map` files). */
export function tsApp(): AppSpec {
  return {
    base: {
      '.gitignore': 'dist/\n',
      'src/index.ts':
        "import { quote } from './orders/index';\n\nexport interface Order {\n  customerId: string;\n  amount: number;\n}\n\nexport function handle(order: Order): { total: number } {\n  return { total: quote(order) };\n}\n",
      'src/orders/index.ts':
        "import { findCustomer, type Customer } from '../users/index';\n\nconst TIERS: Record<string, number> = { gold: 0.1, standard: 0 };\n\ninterface Priced {\n  customerId: string;\n  amount: number;\n}\n\nfunction discountRate(customer: Customer): number {\n  return TIERS[customer.tier] ?? 0;\n}\n\nexport function quote(order: Priced): number {\n  const customer = findCustomer(order.customerId);\n  const rate = discountRate(customer);\n  return Math.round(order.amount * (1 - rate) * 100) / 100;\n}\n",
      'src/users/index.ts':
        "export interface Customer {\n  id: string;\n  tier: string;\n  loyalty?: { rate: number };\n}\n\nconst CUSTOMERS: Record<string, Customer> = { c1: { id: 'c1', tier: 'standard' } };\n\nexport function findCustomer(id: string): Customer {\n  return CUSTOMERS[id] ?? { id, tier: 'standard' };\n}\n",
      'package.json': '{ "name": "orders-api", "version": "1.0.0", "private": true }\n',
    },
    decoy: [
      'src/users/index.ts',
      "  return CUSTOMERS[id] ?? { id, tier: 'standard' };",
      "  return CUSTOMERS[id] ?? { id, tier: 'standard', loyalty: undefined };",
    ],
    bug: [
      'src/orders/index.ts',
      '  return TIERS[customer.tier] ?? 0;',
      '  return (customer.loyalty as { rate: number }).rate;',
    ],
    lateDecoy: [
      'src/orders/index.ts',
      '  return Math.round(order.amount * (1 - rate) * 100) / 100;',
      '  const total = order.amount * (1 - rate);\n  return Math.round(total * 100) / 100;',
    ],
    post: [
      'src/orders/index.ts',
      "import { findCustomer, type Customer } from '../users/index';\n",
      "// Pricing rules: see docs/pricing.md.\nimport { findCustomer, type Customer } from '../users/index';\n",
    ],
    crash: { file: 'src/orders/index.ts', line: 11, localLine: 12, function: 'discountRate' },
  };
}

/** A Python package under `src/myapp/` with `__init__.py` and `utils.py` in two sub-packages. */
export function pythonApp(): AppSpec {
  return {
    base: {
      'pyproject.toml': '[project]\nname = "myapp"\nversion = "1.0.0"\n',
      'src/myapp/__init__.py': '',
      'src/myapp/app.py':
        'from myapp.orders import quote\n\n\ndef main():\n    print(quote({"customer_id": "c1", "amount": 12.5}))\n',
      'src/myapp/orders/__init__.py':
        'from myapp.orders.utils import discount_rate\nfrom myapp.users import find_customer\n\n\ndef quote(order):\n    customer = find_customer(order["customer_id"])\n    rate = discount_rate(customer)\n    return round(order["amount"] * (1 - rate), 2)\n',
      'src/myapp/orders/utils.py':
        'TIERS = {"gold": 0.1, "standard": 0.0}\n\n\ndef discount_rate(customer):\n    return TIERS.get(customer["tier"], 0.0)\n',
      'src/myapp/users/__init__.py':
        'from myapp.users.utils import lookup\n\n\ndef find_customer(customer_id):\n    return lookup(customer_id)\n',
      'src/myapp/users/utils.py':
        'CUSTOMERS = {"c1": {"id": "c1", "tier": "standard"}}\n\n\ndef lookup(customer_id):\n    return CUSTOMERS.get(customer_id, {"id": customer_id, "tier": "standard"})\n',
    },
    decoy: [
      'src/myapp/users/utils.py',
      '{"id": customer_id, "tier": "standard"}',
      '{"id": customer_id, "tier": "standard", "name": None}',
    ],
    bug: [
      'src/myapp/orders/utils.py',
      '    return TIERS.get(customer["tier"], 0.0)',
      '    return customer["loyalty"]["rate"]',
    ],
    lateDecoy: [
      'src/myapp/orders/__init__.py',
      '    return round(order["amount"] * (1 - rate), 2)',
      '    total = order["amount"] * (1 - rate)\n    return round(total, 2)',
    ],
    post: ['src/myapp/orders/utils.py', 'TIERS = {', '"""Discount rules."""\n\nTIERS = {'],
    crash: { file: 'src/myapp/orders/utils.py', line: 5, localLine: 7, function: 'discount_rate' },
  };
}
