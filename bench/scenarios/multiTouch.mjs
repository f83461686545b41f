// Several commits in the range touch the crashing line: an earlier decoy, the bug, and a later
// reformat or rename on the same line.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-line-touched-three-times',
    bugClass: 'null-field-production-data',
    lang: 'js',
    cases: ['multi-touch'],
    files: jsService,
    range: [
      {
        msg: 'Pricing: tiers via a lookup helper',
        edit: [
          [
            JS.pricing,
            '  const tierRate = TIER_RATES[customer.tier] || 0;',
            '  const tierRate = TIER_RATES[String(customer.tier)] || 0;',
          ],
        ],
      },
      {
        msg: 'Pricing: loyalty rate overrides the tier',
        bug: true,
        edit: [
          [
            JS.pricing,
            '  const tierRate = TIER_RATES[String(customer.tier)] || 0;',
            '  const tierRate = customer.loyalty.rate ?? TIER_RATES[String(customer.tier)] ?? 0;',
          ],
        ],
      },
      {
        msg: 'Pricing: reformat',
        edit: [
          [
            JS.pricing,
            '  const tierRate = customer.loyalty.rate ?? TIER_RATES[String(customer.tier)] ?? 0;',
            '  const tierRate  =  customer.loyalty.rate  ??  TIER_RATES[String(customer.tier)]  ??  0;',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: tidy',
        edit: [
          [
            JS.pricing,
            '  const tierRate  =  customer.loyalty.rate  ??  TIER_RATES[String(customer.tier)]  ??  0;',
            '  const tierRate = customer.loyalty.rate ?? TIER_RATES[String(customer.tier)] ?? 0;',
          ],
        ],
      },
    ],
  },
  {
    name: 'py-line-touched-twice',
    bugClass: 'null-field-production-data',
    lang: 'py',
    cases: ['multi-touch'],
    files: pyService,
    range: [
      {
        msg: 'Format: city from the shipping address',
        bug: true,
        edit: [[PY.format, '    city = customer["address"]["city"]', '    city = customer["shipping"]["city"]']],
      },
      {
        msg: 'Format: money helper rounding',
        edit: [[PY.format, '    return "%.2f" % amount', '    return "%.2f" % round(amount, 2)']],
      },
      {
        msg: 'Format: upper-case cities',
        edit: [
          [PY.format, '    city = customer["shipping"]["city"]', '    city = customer["shipping"]["city"].upper()'],
        ],
      },
    ],
    post: [
      {
        msg: 'Format: title-case cities',
        edit: [
          [
            PY.format,
            '    city = customer["shipping"]["city"].upper()',
            '    city = customer["shipping"]["city"].title()',
          ],
        ],
      },
    ],
  },
  {
    name: 'java-line-touched-twice',
    bugClass: 'key-normalisation-change',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['multi-touch'],
    files: javaService,
    range: [
      {
        msg: 'Pricing: explicit default',
        edit: [
          [
            JAVA.pricing,
            '        double tierRate = TIER_RATES.getOrDefault(customer.tier, 0.0);',
            '        double tierRate = TIER_RATES.getOrDefault(customer.tier, 0.0d);',
          ],
        ],
      },
      {
        msg: 'Pricing: tier names are lower case',
        bug: true,
        edit: [
          [
            JAVA.pricing,
            '        double tierRate = TIER_RATES.getOrDefault(customer.tier, 0.0d);',
            '        double tierRate = TIER_RATES.getOrDefault(customer.tier.equals("standard") ? null : customer.tier, 0.0d);',
          ],
        ],
      },
      {
        msg: 'Format: summary wording',
        edit: [
          [
            JAVA.format,
            '        return customer.name + " (" + city + "): " + money(total);',
            '        return customer.name + " in " + city + ": " + money(total);',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: local name',
        edit: [[JAVA.pricing, '        double tierRate = TIER_RATES', '        final double tierRate = TIER_RATES']],
      },
    ],
  },
];
