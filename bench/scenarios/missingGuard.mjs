// Missing code: a guard or a fallback removed somewhere else in the stack's files lets bad data
// reach a line nobody touched.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-guard-removed-in-handler',
    bugClass: 'removed-guard-off-stack',
    lang: 'js',
    cases: ['missing-code'],
    files: {
      ...jsService,
      'main.js': jsService['main.js']
        .replace("coupon: 'WELCOME' }", "coupon: 'WELCOME', customerId2: null }")
        .replace(
          "items: [{ sku: 'book', price: 12.5, qty: 2 }, { sku: 'pen', price: 1.2, qty: 10 }]",
          "items: [{ sku: 'book', price: 12.5, qty: 2 }, null]",
        ),
      [JS.orders]: jsService[JS.orders].replace(
        '  const lines = items.map((item) => ({ ...item }));',
        '  const lines = items.map((item) => ({ ...item, sku: item.sku.toUpperCase() }));',
      ),
      [JS.handler]: jsService[JS.handler].replace(
        "  if (!Array.isArray(request.items)) throw new Error('items must be a list');\n  return request;",
        "  if (!Array.isArray(request.items)) throw new Error('items must be a list');\n  request.items = request.items.filter((item) => item && typeof item === 'object');\n  return request;",
      ),
    },
    range: [
      {
        msg: 'Pricing: line totals in cents',
        edit: [
          [JS.pricing, '  return line.price * line.qty;', '  return Math.round(line.price * 100 * line.qty) / 100;'],
        ],
      },
      {
        msg: 'Handler: validation no longer rewrites the request',
        bug: true,
        edit: [
          [JS.handler, "  request.items = request.items.filter((item) => item && typeof item === 'object');\n", ''],
        ],
      },
      {
        msg: 'Orders: return the line count',
        edit: [
          [
            JS.orders,
            '  return { customer: customer.id, total, summary };',
            '  return { customer: customer.id, total, summary, count: lines.length };',
          ],
        ],
      },
      {
        msg: 'Pricing: subtotal helper',
        edit: [
          [
            JS.pricing,
            '  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line), 0);',
            '  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line), 0.0);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Handler: comment',
        edit: [
          [JS.handler, 'function validate(request) {', '// Rejects malformed orders.\nfunction validate(request) {'],
        ],
      },
    ],
  },
  {
    name: 'py-fallback-removed-in-customers',
    bugClass: 'removed-guard-off-stack',
    lang: 'py',
    cases: ['missing-code'],
    files: {
      ...pyService,
      [PY.customers]: pyService[PY.customers]
        .replace(
          '    "c42": {"id": "c42", "name": "Grace", "tier": "standard", "address": {"city": "Arlington"}},',
          '    "c42": {"id": "c42", "name": "Grace", "tier": "standard"},',
        )
        .replace(
          '    return customer\n',
          '    customer.setdefault("address", {"city": "unknown"})\n    return customer\n',
        ),
    },
    range: [
      {
        msg: 'Format: two-decimal money with a thousands separator',
        edit: [[PY.format, '    return "%.2f" % amount', '    return "{:,.2f}".format(amount)']],
      },
      {
        msg: 'Customers: stop mutating the shared records',
        bug: true,
        edit: [[PY.customers, '    customer.setdefault("address", {"city": "unknown"})\n', '']],
      },
      {
        msg: 'Format: name first',
        edit: [
          [
            PY.format,
            '    return "%s (%s): %s" % (customer["name"], city, money(total))',
            '    return "%s, %s: %s" % (customer["name"], city, money(total))',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Customers: docstring',
        edit: [
          [
            PY.customers,
            'def find_customer(customer_id):\n',
            'def find_customer(customer_id):\n    """The stored customer record."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'java-null-check-removed-in-caller',
    bugClass: 'removed-guard-off-stack',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['missing-code'],
    files: {
      ...javaService,
      [JAVA.app]: javaService[JAVA.app].replace(
        'OrderHandler.handleOrder("c42", items, "WELCOME")',
        'OrderHandler.handleOrder("c42", items, null)',
      ),
      [JAVA.orders]: javaService[JAVA.orders].replace(
        '        List<Item> lines = new ArrayList<>(items);',
        '        List<Item> lines = new ArrayList<>(items);\n        if (coupon == null) {\n            coupon = "NONE";\n        }',
      ),
      [JAVA.pricing]: javaService[JAVA.pricing].replace(
        '        double couponRate = coupon == null ? 0.0 : COUPONS.getOrDefault(coupon, 0.0);',
        '        double couponRate = COUPONS.getOrDefault(coupon.trim(), 0.0);',
      ),
    },
    range: [
      {
        msg: 'Format: money with the euro sign',
        edit: [
          [
            JAVA.format,
            '        return String.format("%.2f", amount);',
            '        return String.format("%.2f EUR", amount);',
          ],
        ],
      },
      {
        msg: 'Orders: coupon handling moved to pricing',
        bug: true,
        edit: [[JAVA.orders, '        if (coupon == null) {\n            coupon = "NONE";\n        }\n', '']],
      },
      {
        msg: 'Pricing: tiers are case-insensitive',
        edit: [
          [
            JAVA.pricing,
            '        double tierRate = TIER_RATES.getOrDefault(customer.tier, 0.0);',
            '        double tierRate = TIER_RATES.getOrDefault(customer.tier.toLowerCase(), 0.0);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: move rates up',
        edit: [
          [JAVA.pricing, 'public class Pricing {\n', 'public class Pricing {\n    // Rates are fractions of one.\n'],
        ],
      },
    ],
  },
];
