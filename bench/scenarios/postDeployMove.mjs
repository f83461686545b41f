// Work after the deploy edits and moves the crashing line: blame at HEAD names post-deploy
// commits, the deployed lines no longer match today's.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-post-deploy-rewrite',
    bugClass: 'null-field-production-data',
    lang: 'js',
    cases: ['post-deploy-edits'],
    files: jsService,
    range: [
      {
        msg: 'Format: money via Intl',
        edit: [
          [
            JS.format,
            '  return amount.toFixed(2);',
            "  return new Intl.NumberFormat('en', { minimumFractionDigits: 2 }).format(amount);",
          ],
        ],
      },
      {
        msg: 'Format: city from the delivery address',
        bug: true,
        edit: [[JS.format, '  const city = customer.address.city;', '  const city = customer.delivery.city;']],
      },
      {
        msg: 'Orders: summary after pricing',
        edit: [
          [
            JS.orders,
            '  const summary = formatSummary(customer, total);',
            '  const summary = formatSummary(customer, Number(total));',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Format: header',
        edit: [
          [JS.format, "'use strict';\n", "'use strict';\n// Text for receipts and logs.\nconst SEPARATOR = ': ';\n"],
        ],
      },
      {
        msg: 'Format: fall back to the billing address',
        edit: [
          [
            JS.format,
            '  const city = customer.delivery.city;',
            '  const city = (customer.delivery ?? customer.address).city;',
          ],
        ],
      },
    ],
    postNoise: 2,
  },
  {
    name: 'js-sentry-post-deploy-move',
    bugClass: 'unguarded-table-lookup',
    lang: 'js',
    capture: 'sentry',
    cases: ['post-deploy-edits'],
    files: jsService,
    range: [
      {
        msg: 'Pricing: coupons by campaign',
        edit: [
          [
            JS.pricing,
            'const COUPONS = { WELCOME: 0.05, SPRING: 0.1 };',
            'const COUPONS = { WELCOME: 0.05, SPRING: 0.1, AUTUMN: 0.1 };',
          ],
        ],
      },
      {
        msg: 'Pricing: coupon rates are objects now',
        bug: true,
        edit: [
          [
            JS.pricing,
            '  const couponRate = coupon ? COUPONS[coupon] || 0 : 0;',
            '  const couponRate = coupon ? COUPONS[coupon.toLowerCase()].rate : 0;',
          ],
        ],
      },
      {
        msg: 'Pricing: subtotal in cents',
        edit: [
          [
            JS.pricing,
            '  return Math.round(subtotal * (1 - rate) * 100) / 100;',
            '  return Math.round(subtotal * 100 * (1 - rate)) / 100;',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: move the tables into a section',
        edit: [[JS.pricing, "'use strict';\n", "'use strict';\n\n// ---- tables ----\n"]],
      },
      {
        msg: 'Pricing: unknown coupons are worth nothing',
        edit: [
          [
            JS.pricing,
            '  const couponRate = coupon ? COUPONS[coupon.toLowerCase()].rate : 0;',
            '  const couponRate = coupon && COUPONS[coupon.toLowerCase()] ? COUPONS[coupon.toLowerCase()].rate : 0;',
          ],
        ],
      },
    ],
  },
  {
    name: 'py-post-deploy-edit-and-move',
    bugClass: 'unguarded-table-lookup',
    lang: 'py',
    cases: ['post-deploy-edits'],
    files: pyService,
    range: [
      { msg: 'Pricing: golden tier at 12%', edit: [[PY.pricing, '"gold": 0.1}', '"gold": 0.12}']] },
      {
        msg: 'Pricing: coupons need a campaign',
        bug: true,
        edit: [
          [
            PY.pricing,
            '    coupon_rate = COUPONS.get(coupon, 0.0) if coupon else 0.0',
            '    coupon_rate = COUPONS[coupon]["rate"] if coupon else 0.0',
          ],
        ],
      },
      {
        msg: 'Orders: return the coupon',
        edit: [
          [
            PY.orders,
            '    return {"customer": customer["id"], "total": total, "summary": summary}',
            '    return {"customer": customer["id"], "total": total, "summary": summary, "coupon": coupon}',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: logging',
        edit: [[PY.pricing, 'TIER_RATES = {', 'import logging\n\nLOG = logging.getLogger(__name__)\n\nTIER_RATES = {']],
      },
      {
        msg: 'Pricing: tolerate legacy coupons',
        edit: [
          [
            PY.pricing,
            '    coupon_rate = COUPONS[coupon]["rate"] if coupon else 0.0',
            '    coupon_rate = COUPONS[coupon].get("rate", 0.0) if coupon else 0.0',
          ],
        ],
      },
    ],
  },
  {
    name: 'java-post-deploy-edit-and-move',
    bugClass: 'producer-returns-other-type',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['post-deploy-edits'],
    files: javaService,
    range: [
      {
        msg: 'Format: summary separator',
        edit: [
          [
            JAVA.format,
            '        return customer.name + " (" + city + "): " + money(total);',
            '        return customer.name + " (" + city + ") - " + money(total);',
          ],
        ],
      },
      {
        msg: 'Customers: addresses are loaded lazily',
        bug: true,
        edit: [
          [
            JAVA.customers,
            'new Customer("c42", "Grace", "standard", new Customer.Address("Arlington"))',
            'new Customer("c42", "Grace", "standard", null)',
          ],
        ],
      },
      {
        msg: 'Orders: immutable lines',
        edit: [
          [
            JAVA.orders,
            '        List<Item> lines = new ArrayList<>(items);',
            '        List<Item> lines = List.copyOf(new ArrayList<>(items));',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Format: constants',
        edit: [
          [
            JAVA.format,
            'public class Format {\n',
            'public class Format {\n    private static final String UNKNOWN = "?";\n\n',
          ],
        ],
      },
      {
        msg: 'Format: unknown city',
        edit: [
          [
            JAVA.format,
            '        String city = customer.address.city;',
            '        String city = customer.address == null ? UNKNOWN : customer.address.city;',
          ],
        ],
      },
    ],
  },
];
