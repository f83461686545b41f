// The culprit changed data outside every frame (a table, a constant): only the error's words and
// the deploy range link it to the crash.
import { JS, PY, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-bundle-removed-tier',
    bugClass: 'removed-config-entry',
    lang: 'js',
    capture: 'bundle',
    cases: ['missing-code', 'bundle'],
    files: {
      ...jsService,
      'src/config/tiers.js':
        "'use strict';\n// Discount per loyalty tier.\nconst TIERS = {\n  standard: { rate: 0 },\n  silver: { rate: 0.05 },\n  gold: { rate: 0.1 },\n};\n\nmodule.exports = { TIERS };\n",
      [JS.pricing]: jsService[JS.pricing]
        .replace("'use strict';\n", "'use strict';\nconst { TIERS } = require('../config/tiers');\n")
        .replace('  const tierRate = TIER_RATES[customer.tier] || 0;', '  const tierRate = TIERS[customer.tier].rate;'),
    },
    range: [
      {
        msg: 'Pricing: coupons trimmed',
        edit: [
          [
            JS.pricing,
            '  const couponRate = coupon ? COUPONS[coupon] || 0 : 0;',
            '  const couponRate = coupon ? COUPONS[coupon.trim()] || 0 : 0;',
          ],
        ],
      },
      {
        msg: 'Tiers: retire the standard tier',
        bug: true,
        edit: [['src/config/tiers.js', '  standard: { rate: 0 },\n', '']],
      },
      {
        msg: 'Format: currency suffix',
        edit: [[JS.format, '  return amount.toFixed(2);', '  return `${amount.toFixed(2)} EUR`;']],
      },
    ],
    post: [
      {
        msg: 'Tiers: platinum',
        edit: [
          ['src/config/tiers.js', '  gold: { rate: 0.1 },\n', '  gold: { rate: 0.1 },\n  platinum: { rate: 0.15 },\n'],
        ],
      },
    ],
  },
  {
    name: 'py-removed-coupon-setting',
    bugClass: 'removed-config-entry',
    lang: 'py',
    cases: ['missing-code'],
    files: {
      ...pyService,
      'app/settings.py': 'CURRENCY = "EUR"\nDISCOUNT_CAP = 0.5\nCOUPON_RATES = {"WELCOME": 0.05, "SPRING": 0.1}\n',
      [PY.pricing]: pyService[PY.pricing]
        .replace('COUPONS = {"WELCOME": 0.05, "SPRING": 0.1}\n', 'from app import settings\n')
        .replace(
          '    coupon_rate = COUPONS.get(coupon, 0.0) if coupon else 0.0',
          '    coupon_rate = settings.COUPON_RATES[coupon] if coupon else 0.0',
        ),
    },
    range: [
      { msg: 'Settings: cap at 40%', edit: [['app/settings.py', 'DISCOUNT_CAP = 0.5', 'DISCOUNT_CAP = 0.4']] },
      {
        msg: 'Pricing: use the configured cap',
        edit: [
          [
            PY.pricing,
            '    return min(0.5, tier_rate + coupon_rate)',
            '    return min(settings.DISCOUNT_CAP, tier_rate + coupon_rate)',
          ],
        ],
      },
      {
        msg: 'Settings: end the welcome campaign',
        bug: true,
        edit: [
          ['app/settings.py', 'COUPON_RATES = {"WELCOME": 0.05, "SPRING": 0.1}', 'COUPON_RATES = {"SPRING": 0.1}'],
        ],
      },
      {
        msg: 'Format: thousands separator',
        edit: [[PY.format, '    return "%.2f" % amount', '    return "{:,.2f}".format(amount)']],
      },
    ],
  },
];
