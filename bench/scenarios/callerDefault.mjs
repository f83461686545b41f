// The crashing line was last changed long before the deploy: the culprit changed a caller's
// argument or a default value, and the crashing code is only where it shows.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-sentry-default-currency',
    bugClass: 'removed-default-value',
    lang: 'js',
    capture: 'sentry',
    cases: ['caller-or-default'],
    files: {
      ...jsService,
      [JS.format]: jsService[JS.format]
        .replace(
          'function money(amount) {\n  return amount.toFixed(2);',
          "function money(amount, currency = 'EUR') {\n  return `${amount.toFixed(2)} ${currency.toUpperCase()}`;",
        )
        .replace('${money(total)}', '${money(total, customer.currency)}'),
    },
    range: [
      {
        msg: 'Summaries: city in capitals',
        edit: [
          [JS.format, '  const city = customer.address.city;', '  const city = customer.address.city.toUpperCase();'],
        ],
      },
      {
        msg: 'Money: currency comes from the customer record',
        bug: true,
        edit: [[JS.format, "function money(amount, currency = 'EUR') {", 'function money(amount, currency) {']],
      },
      {
        msg: 'Orders: keep item order',
        edit: [
          [
            JS.orders,
            '  const lines = items.map((item) => ({ ...item }));',
            '  const lines = items.map((item, position) => ({ ...item, position }));',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Money: comment',
        edit: [[JS.format, 'function money(', '// Amounts are in major units.\nfunction money(']],
      },
    ],
  },
  {
    name: 'py-default-coupon-map',
    bugClass: 'removed-default-value',
    lang: 'py',
    cases: ['caller-or-default'],
    files: {
      ...pyService,
      [PY.pricing]: pyService[PY.pricing]
        .replace('def discount_rate(customer, coupon):', 'def discount_rate(customer, coupon, coupons=COUPONS):')
        .replace(
          '    coupon_rate = COUPONS.get(coupon, 0.0) if coupon else 0.0',
          '    coupon_rate = coupons.get(coupon, 0.0) if coupon else 0.0',
        ),
    },
    range: [
      { msg: 'Pricing: silver tier at 6%', edit: [[PY.pricing, '"silver": 0.05', '"silver": 0.06']] },
      {
        msg: 'Pricing: coupons are looked up by the caller',
        bug: true,
        edit: [
          [
            PY.pricing,
            'def discount_rate(customer, coupon, coupons=COUPONS):',
            'def discount_rate(customer, coupon, coupons=None):',
          ],
        ],
      },
      {
        msg: 'Pricing: cap at 45%',
        edit: [
          [PY.pricing, '    return min(0.5, tier_rate + coupon_rate)', '    return min(0.45, tier_rate + coupon_rate)'],
        ],
      },
      {
        msg: 'Orders: copy items explicitly',
        edit: [
          [PY.orders, '    lines = [dict(item) for item in items]', '    lines = [item.copy() for item in items]'],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: docstring',
        edit: [
          [
            PY.pricing,
            'def discount_rate(customer, coupon, coupons=None):\n',
            'def discount_rate(customer, coupon, coupons=None):\n    """The combined tier and coupon rate, at most one half."""\n',
          ],
        ],
      },
    ],
  },
  {
    name: 'java-caller-passes-null-coupon-map',
    bugClass: 'caller-passes-incomplete-value',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['caller-or-default'],
    files: javaService,
    range: [
      {
        msg: 'Pricing: round half up',
        edit: [
          [
            JAVA.pricing,
            '        return Math.round(subtotal * (1 - rate) * 100) / 100.0;',
            '        return Math.floor(subtotal * (1 - rate) * 100 + 0.5) / 100.0;',
          ],
        ],
      },
      {
        msg: 'Handler: normalise the customer id',
        edit: [
          [
            JAVA.handler,
            '        Customer customer = Customers.find(customerId);',
            '        Customer customer = Customers.find(customerId.trim());',
          ],
        ],
      },
      {
        msg: 'Orders: price guests at the standard tier',
        bug: true,
        edit: [
          [
            JAVA.orders,
            '        double total = Pricing.priceItems(lines, customer, coupon);',
            '        Customer priced = new Customer(customer.id, customer.name, customer.id.startsWith("c4") ? null : customer.tier, customer.address);\n        double total = Pricing.priceItems(lines, priced, coupon);',
          ],
        ],
      },
      {
        msg: 'Pricing: coupons are upper case',
        edit: [
          [
            JAVA.pricing,
            '        double couponRate = coupon == null ? 0.0 : COUPONS.getOrDefault(coupon, 0.0);',
            '        double couponRate = coupon == null ? 0.0 : COUPONS.getOrDefault(coupon.toUpperCase(), 0.0);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: javadoc',
        edit: [
          [
            JAVA.pricing,
            '    static double discountRate(',
            '    /** Tier plus coupon, at most one half. */\n    static double discountRate(',
          ],
        ],
      },
    ],
  },
];
