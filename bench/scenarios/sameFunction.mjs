// Decoys edit the very function the bug is in, a few lines away, before and after it.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-same-function-decoys',
    bugClass: 'null-field-production-data',
    lang: 'js',
    cases: ['same-function'],
    files: jsService,
    range: [
      {
        msg: 'Pricing: coupons are trimmed',
        edit: [
          [
            JS.pricing,
            '  const couponRate = coupon ? COUPONS[coupon] || 0 : 0;',
            '  const couponRate = coupon ? COUPONS[coupon.trim()] || 0 : 0;',
          ],
        ],
      },
      {
        msg: 'Pricing: rates from the customer profile',
        bug: true,
        edit: [
          [
            JS.pricing,
            '  const tierRate = TIER_RATES[customer.tier] || 0;',
            '  const tierRate = customer.profile.tierRate;',
          ],
        ],
      },
      {
        msg: 'Pricing: cap at 45%',
        edit: [
          [
            JS.pricing,
            '  return Math.min(0.5, tierRate + couponRate);',
            '  return Math.min(0.45, tierRate + couponRate);',
          ],
        ],
      },
    ],
  },
  {
    name: 'py-same-function-decoys',
    bugClass: 'unguarded-table-lookup',
    lang: 'py',
    cases: ['same-function'],
    files: pyService,
    range: [
      {
        msg: 'Orders: copy items',
        edit: [
          [
            PY.orders,
            '    lines = [dict(item) for item in items]',
            '    lines = [dict(item, currency="EUR") for item in items]',
          ],
        ],
      },
      {
        msg: 'Orders: price by SKU',
        bug: true,
        edit: [
          [
            PY.orders,
            '    total = price_items(lines, customer, coupon)',
            '    total = price_items(lines, customer, coupon) + sum(PRICES[line["sku"]] for line in lines)',
          ],
        ],
      },
      {
        msg: 'Orders: return the currency',
        edit: [
          [
            PY.orders,
            '    return {"customer": customer["id"], "total": total, "summary": summary}',
            '    return {"customer": customer["id"], "total": total, "summary": summary, "currency": "EUR"}',
          ],
        ],
      },
    ],
  },
  {
    name: 'java-same-function-decoys',
    bugClass: 'caller-passes-incomplete-value',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['same-function'],
    files: javaService,
    range: [
      {
        msg: 'Orders: copy the items',
        edit: [
          [
            JAVA.orders,
            '        List<Item> lines = new ArrayList<>(items);',
            '        List<Item> lines = new ArrayList<>(items.size());\n        lines.addAll(items);',
          ],
        ],
      },
      {
        msg: 'Orders: summary for the account holder',
        bug: true,
        edit: [
          [
            JAVA.orders,
            '        String summary = Format.summary(customer, total);',
            '        String summary = Format.summary(Customers.find(customer.id.substring(1)), total);',
          ],
        ],
      },
      {
        msg: 'Orders: return a sorted map',
        edit: [
          [
            JAVA.orders,
            '        return Map.of("customer", customer.id, "total", total, "summary", summary);',
            '        return new java.util.TreeMap<>(Map.of("customer", customer.id, "total", total, "summary", summary));',
          ],
        ],
      },
    ],
  },
];
