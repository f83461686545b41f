// The error a user sees wraps the one that failed: Java `Caused by:`, Python `raise ... from`,
// a JavaScript `cause` reported through @sentry/node.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'java-caused-by-chain',
    bugClass: 'caller-passes-incomplete-value',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['wrapped-error', 'deep-frame'],
    files: {
      ...javaService,
      [JAVA.handler]: javaService[JAVA.handler].replace(
        '        Map<String, Object> order = OrderService.placeOrder(customer, valid, coupon);',
        '        Map<String, Object> order;\n        try {\n            order = OrderService.placeOrder(customer, valid, coupon);\n        } catch (RuntimeException e) {\n            throw new IllegalStateException("could not place order for " + customerId, e);\n        }',
      ),
    },
    range: [
      {
        msg: 'Handler: reject empty customer ids',
        edit: [
          [
            JAVA.handler,
            '        List<Item> valid = validate(items);',
            '        if (customerId.isEmpty()) {\n            throw new IllegalArgumentException("customer id");\n        }\n        List<Item> valid = validate(items);',
          ],
        ],
      },
      {
        msg: 'Pricing: tier comes from the loyalty programme',
        bug: true,
        edit: [
          [
            JAVA.orders,
            '        double total = Pricing.priceItems(lines, customer, coupon);',
            '        double total = Pricing.priceItems(lines, new Customer(customer.id, customer.name, System.getProperty("loyalty.tier"), customer.address), coupon);',
          ],
        ],
      },
      {
        msg: 'Format: money rounding',
        edit: [
          [
            JAVA.format,
            '        return String.format("%.2f", amount);',
            '        return String.format(java.util.Locale.ROOT, "%.2f", amount);',
          ],
        ],
      },
      {
        msg: 'Pricing: sum with a stream',
        edit: [
          [
            JAVA.pricing,
            '        double rate = discountRate(customer, coupon);',
            '        double rate = Math.max(0, discountRate(customer, coupon));',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Handler: doc',
        edit: [
          [
            JAVA.handler,
            '    static Map<String, Object> handleOrder(',
            '    /** Places one order. */\n    static Map<String, Object> handleOrder(',
          ],
        ],
      },
    ],
  },
  {
    name: 'py-raise-from-chain',
    bugClass: 'null-field-production-data',
    lang: 'py',
    cases: ['wrapped-error'],
    files: {
      ...pyService,
      [PY.handler]: pyService[PY.handler].replace(
        '    order = place_order(customer, valid["items"], valid.get("coupon"))',
        '    try:\n        order = place_order(customer, valid["items"], valid.get("coupon"))\n    except (KeyError, TypeError) as err:\n        raise RuntimeError("could not place order") from err',
      ),
    },
    range: [
      {
        msg: 'Handler: coupon codes upper case',
        edit: [
          [
            PY.handler,
            '    valid = validate(request)',
            '    valid = validate(request)\n    if valid.get("coupon"):\n        valid["coupon"] = valid["coupon"].upper()',
          ],
        ],
      },
      {
        msg: 'Pricing: quantities as integers',
        edit: [[PY.pricing, '    return line["price"] * line["qty"]', '    return line["price"] * int(line["qty"])']],
      },
      {
        msg: 'Pricing: tier from the loyalty record',
        bug: true,
        edit: [
          [
            PY.pricing,
            '    tier_rate = TIER_RATES.get(customer["tier"], 0.0)',
            '    tier_rate = TIER_RATES[customer["loyalty_tier"]]',
          ],
        ],
      },
      {
        msg: 'Pricing: cap at 40%',
        edit: [
          [PY.pricing, '    return min(0.5, tier_rate + coupon_rate)', '    return min(0.4, tier_rate + coupon_rate)'],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: logging',
        edit: [[PY.pricing, 'TIER_RATES = {', 'import logging\n\nLOG = logging.getLogger(__name__)\nTIER_RATES = {']],
      },
    ],
  },
  {
    name: 'js-sentry-error-cause',
    bugClass: 'null-field-production-data',
    lang: 'js',
    capture: 'sentry',
    cases: ['wrapped-error'],
    files: {
      ...jsService,
      [JS.handler]: jsService[JS.handler].replace(
        '  const order = placeOrder(customer, valid.items, valid.coupon);',
        "  let order;\n  try {\n    order = placeOrder(customer, valid.items, valid.coupon);\n  } catch (err) {\n    throw new Error('could not place order', { cause: err });\n  }",
      ),
    },
    range: [
      {
        msg: 'Customers: Grace is silver now',
        edit: [
          [
            JS.customers,
            "tier: 'standard', address: { city: 'Arlington' } }",
            "tier: 'silver', address: { city: 'Arlington' } }",
          ],
        ],
      },
      {
        msg: 'Orders: keep quantities as numbers',
        bug: true,
        edit: [
          [
            JS.orders,
            '  const lines = items.map((item) => ({ ...item }));',
            '  const lines = items.map((item) => ({ ...item, qty: item.quantity.valueOf() }));',
          ],
        ],
      },
      {
        msg: 'Orders: id first',
        edit: [
          [
            JS.orders,
            '  return { customer: customer.id, total, summary };',
            '  return { id: `${customer.id}-${Date.now()}`, customer: customer.id, total, summary };',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Orders: comment',
        edit: [[JS.orders, 'function placeOrder(', '// Prices and summarises one order.\nfunction placeOrder(']],
      },
    ],
  },
];
