// A file is renamed or moved inside the deploy range, before or after the bug lands in it.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

const jsMoved = 'src/domain/pricing/discounts.js';

export const scenarios = [
  {
    name: 'js-move-then-bug',
    bugClass: 'null-field-production-data',
    lang: 'js',
    cases: ['rename-move'],
    files: jsService,
    range: [
      {
        msg: 'Move pricing under domain/',
        move: [[JS.pricing, jsMoved]],
        edit: [[JS.orders, "require('./pricing')", "require('../domain/pricing/discounts')"]],
      },
      {
        msg: 'Discounts: coupon rates in one table',
        edit: [
          [
            jsMoved,
            'const COUPONS = { WELCOME: 0.05, SPRING: 0.1 };',
            'const COUPONS = { WELCOME: 0.05, SPRING: 0.1, SUMMER: 0.15 };',
          ],
        ],
      },
      {
        msg: 'Discounts: tier rates from the loyalty programme',
        bug: true,
        edit: [
          [
            jsMoved,
            '  const tierRate = TIER_RATES[customer.tier] || 0;',
            '  const tierRate = customer.loyalty.rate || TIER_RATES[customer.tier] || 0;',
          ],
        ],
      },
      {
        msg: 'Discounts: cap at 45%',
        edit: [
          [
            jsMoved,
            '  return Math.min(0.5, tierRate + couponRate);',
            '  return Math.min(0.45, tierRate + couponRate);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Discounts: header',
        edit: [[jsMoved, "'use strict';\n", "'use strict';\n// Tier and coupon discounts.\n"]],
      },
    ],
  },
  {
    name: 'py-bug-then-rename',
    bugClass: 'null-field-production-data',
    lang: 'py',
    cases: ['rename-move'],
    files: pyService,
    range: [
      {
        msg: 'Pricing: tiers from the loyalty record',
        bug: true,
        edit: [
          [
            PY.pricing,
            '    tier_rate = TIER_RATES.get(customer["tier"], 0.0)',
            '    tier_rate = customer["loyalty"]["rate"]',
          ],
        ],
      },
      {
        msg: 'Pricing: coupons are case-insensitive',
        edit: [
          [
            PY.pricing,
            '    coupon_rate = COUPONS.get(coupon, 0.0) if coupon else 0.0',
            '    coupon_rate = COUPONS.get(coupon.upper(), 0.0) if coupon else 0.0',
          ],
        ],
      },
      {
        msg: 'Rename pricing to discounts',
        move: [[PY.pricing, 'app/services/discounts.py']],
        edit: [
          [PY.orders, 'from app.services.pricing import price_items', 'from app.services.discounts import price_items'],
        ],
      },
      {
        msg: 'Discounts: cap at 45%',
        edit: [
          [
            'app/services/discounts.py',
            '    return min(0.5, tier_rate + coupon_rate)',
            '    return min(0.45, tier_rate + coupon_rate)',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Discounts: module docstring',
        edit: [['app/services/discounts.py', 'TIER_RATES = {', '"""Tier and coupon discounts."""\n\nTIER_RATES = {']],
      },
    ],
  },
  {
    name: 'java-package-move',
    bugClass: 'producer-returns-other-type',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['rename-move'],
    files: javaService,
    range: [
      {
        msg: 'Format: trim names',
        edit: [
          [
            JAVA.format,
            '        return customer.name + " (" + city + "): " + money(total);',
            '        return customer.name.trim() + " (" + city + "): " + money(total);',
          ],
        ],
      },
      {
        msg: 'Move Format next to the other formatters',
        move: [[JAVA.format, 'src/main/java/com/acme/shop/text/Format.java']],
        edit: [
          [
            'src/main/java/com/acme/shop/text/Format.java',
            'package com.acme.shop;\n',
            'package com.acme.shop.text;\n\nimport com.acme.shop.Customer;\n',
          ],
          [
            'src/main/java/com/acme/shop/text/Format.java',
            '    static String money(',
            '    public static String money(',
          ],
          [
            'src/main/java/com/acme/shop/text/Format.java',
            '    static String summary(',
            '    public static String summary(',
          ],
          [JAVA.orders, 'import java.util.Map;\n', 'import java.util.Map;\n\nimport com.acme.shop.text.Format;\n'],
        ],
      },
      {
        msg: 'Customers: Grace moved',
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
        msg: 'Customers: lookup is case-insensitive',
        edit: [
          [
            JAVA.customers,
            '        Customer customer = CUSTOMERS.get(id);',
            '        Customer customer = CUSTOMERS.get(id.toLowerCase());',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Format: doc',
        edit: [
          [
            'src/main/java/com/acme/shop/text/Format.java',
            '    public static String summary(',
            '    /** One line per order. */\n    public static String summary(',
          ],
        ],
      },
    ],
  },
];
