// The bug sits two or three frames below the top: a caller hands the crashing function bad data.
// Decoys change the crashing function's file and the functions on the way.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-deep-handler-address',
    bugClass: 'null-field-production-data',
    lang: 'js',
    cases: ['deep-frame'],
    files: jsService,
    range: [
      {
        msg: 'Format money with two decimals through Math.round',
        edit: [[JS.format, '  return amount.toFixed(2);', '  return (Math.round(amount * 100) / 100).toFixed(2);']],
      },
      {
        msg: 'Ship to the address given with the order',
        bug: true,
        edit: [
          [
            JS.handler,
            '  const customer = findCustomer(valid.customerId);',
            '  const customer = { ...findCustomer(valid.customerId), address: valid.shippingAddress };',
          ],
        ],
      },
      {
        msg: 'Return the creation time with the order',
        edit: [
          [
            JS.orders,
            '  return { customer: customer.id, total, summary };',
            '  return { customer: customer.id, total, summary, createdAt: Date.now() };',
          ],
        ],
      },
      {
        msg: 'Validate the coupon type',
        edit: [
          [
            JS.handler,
            "  if (!Array.isArray(request.items)) throw new Error('items must be a list');",
            "  if (!Array.isArray(request.items)) throw new Error('items must be a list');\n  if (request.coupon !== undefined && typeof request.coupon !== 'string') throw new Error('bad coupon');",
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Document the summary format',
        edit: [
          [
            JS.format,
            'function formatSummary(customer, total) {',
            '// "Name (City): 12.00"\nfunction formatSummary(customer, total) {',
          ],
        ],
      },
    ],
  },
  {
    name: 'py-deep-orders-tier',
    bugClass: 'caller-passes-incomplete-value',
    lang: 'py',
    cases: ['deep-frame'],
    files: pyService,
    range: [
      {
        msg: 'Cap the discount at 40%',
        edit: [
          [PY.pricing, '    return min(0.5, tier_rate + coupon_rate)', '    return min(0.4, tier_rate + coupon_rate)'],
        ],
      },
      {
        msg: 'Price against the customer record only',
        bug: true,
        edit: [
          [
            PY.orders,
            '    total = price_items(lines, customer, coupon)',
            '    total = price_items(lines, {"id": customer["id"]}, coupon)',
          ],
        ],
      },
      {
        msg: 'Copy only the fields orders need',
        edit: [
          [
            PY.orders,
            '    lines = [dict(item) for item in items]',
            '    lines = [{"sku": i["sku"], "price": i["price"], "qty": i["qty"]} for i in items]',
          ],
        ],
      },
      {
        msg: 'Round the line total',
        edit: [
          [PY.pricing, '    return line["price"] * line["qty"]', '    return round(line["price"] * line["qty"], 2)'],
        ],
      },
    ],
    post: [
      {
        msg: 'Log pricing',
        edit: [[PY.pricing, 'TIER_RATES = {', 'import logging\n\nLOG = logging.getLogger(__name__)\n\nTIER_RATES = {']],
      },
    ],
  },
  {
    name: 'java-deep-handler-customer',
    bugClass: 'null-field-production-data',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['deep-frame'],
    files: javaService,
    range: [
      {
        msg: 'Summaries: show the name first',
        edit: [
          [
            JAVA.format,
            '        return customer.name + " (" + city + "): " + money(total);',
            '        return customer.name + " from " + city + ": " + money(total);',
          ],
        ],
      },
      {
        msg: 'Guest checkout without a stored address',
        bug: true,
        edit: [
          [
            JAVA.handler,
            '        Customer customer = Customers.find(customerId);',
            '        Customer stored = Customers.find(customerId);\n        Customer customer = new Customer(stored.id, stored.name, stored.tier, null);',
          ],
        ],
      },
      {
        msg: 'Keep a defensive copy of the items',
        edit: [
          [
            JAVA.orders,
            '        List<Item> lines = new ArrayList<>(items);',
            '        List<Item> lines = List.copyOf(items);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Explain the summary',
        edit: [
          [JAVA.format, '    static String summary(', '    /** "Name (City): 12.00" */\n    static String summary('],
        ],
      },
    ],
  },
  {
    name: 'ts-bundle-deep-coupon',
    bugClass: 'key-normalisation-change',
    lang: 'js',
    capture: 'bundle',
    main: 'src/main.ts',
    cases: ['deep-frame', 'bundle'],
    files: {
      'src/main.ts': `import { checkout } from './checkout';

const cart = { customer: 'c42', lines: [{ sku: 'book', price: 12.5, qty: 2 }], coupon: 'SPRING' };
console.log(checkout(cart));
`,
      'src/checkout.ts': `import { applyCoupon } from './coupons';

// @filler 2

export interface Cart {
  customer: string;
  lines: Array<{ sku: string; price: number; qty: number }>;
  coupon?: string;
}

export function checkout(cart: Cart): string {
  const subtotal = cart.lines.reduce((s, l) => s + l.price * l.qty, 0);
  const code = cart.coupon ? cart.coupon.toUpperCase() : undefined;
  const total = applyCoupon(subtotal, code);
  return total.toFixed(2);
}
`,
      'src/coupons.ts': `import { couponRule } from './rules';

// @filler 2

export function applyCoupon(amount: number, code?: string): number {
  if (!code) return amount;
  const rule = couponRule(code);
  return amount * (1 - rule.rate);
}

// @filler 1
`,
      'src/rules.ts': `const RULES: Record<string, { rate: number; label: string }> = {
  WELCOME: { rate: 0.05, label: 'Welcome' },
  SPRING: { rate: 0.1, label: 'Spring sale' },
};

// @filler 2

export function couponRule(code: string): { rate: number; label: string } {
  const rule = RULES[code];
  const label = rule.label.trim();
  return { rate: rule.rate, label };
}

// @filler 1
`,
    },
    range: [
      {
        msg: 'Coupons: trim labels',
        edit: [
          [
            'src/rules.ts',
            "  SPRING: { rate: 0.1, label: 'Spring sale' },",
            "  SPRING: { rate: 0.1, label: 'Spring sale ' },",
          ],
        ],
      },
      {
        msg: 'Checkout: coupon codes are case-sensitive now',
        bug: true,
        edit: [
          [
            'src/checkout.ts',
            '  const code = cart.coupon ? cart.coupon.toUpperCase() : undefined;',
            '  const code = cart.coupon ? `${cart.coupon.toLowerCase()}` : undefined;',
          ],
        ],
      },
      {
        msg: 'Coupons: no discount on zero amounts',
        edit: [['src/coupons.ts', '  if (!code) return amount;', '  if (!code || amount === 0) return amount;']],
      },
    ],
    post: [{ msg: 'Rules: sort', edit: [['src/rules.ts', 'const RULES', '// Coupon rules, by code.\nconst RULES']] }],
  },
];
