// A huge file with a long history: hundreds of commits before the deploy, a dozen decoys in the
// range touching the same file, the bug among them.
import { JAVA, JAVA_MAIN, JS, PY, javaService, jsService, pyService } from './services.mjs';

export const scenarios = [
  {
    name: 'js-huge-pricing-file',
    bugClass: 'unguarded-table-lookup',
    lang: 'js',
    cases: ['huge-file'],
    files: { ...jsService, [JS.pricing]: jsService[JS.pricing].replace('// @filler 3', '// @filler 160') },
    hot: [JS.pricing],
    historyFiles: [JS.pricing],
    history: 300,
    noise: 10,
    range: [
      {
        msg: 'Pricing: coupons are per campaign',
        bug: true,
        edit: [
          [
            JS.pricing,
            '  const couponRate = coupon ? COUPONS[coupon] || 0 : 0;',
            '  const couponRate = coupon ? COUPONS[coupon].campaign.rate : 0;',
          ],
        ],
      },
      {
        msg: 'Pricing: tier fallback',
        edit: [
          [
            JS.pricing,
            '  const tierRate = TIER_RATES[customer.tier] || 0;',
            "  const tierRate = TIER_RATES[customer.tier || 'standard'] || 0;",
          ],
        ],
      },
    ],
  },
  {
    name: 'py-huge-pricing-file',
    bugClass: 'null-field-production-data',
    lang: 'py',
    cases: ['huge-file'],
    files: {
      ...pyService,
      [PY.pricing]: pyService[PY.pricing].replace(
        '# @filler 2\n\n\ndef line_total',
        '# @filler 120\n\n\ndef line_total',
      ),
    },
    hot: [PY.pricing],
    historyFiles: [PY.pricing],
    history: 250,
    noise: 12,
    range: [
      {
        msg: 'Pricing: line totals use the unit price',
        bug: true,
        edit: [[PY.pricing, '    return line["price"] * line["qty"]', '    return line["unit_price"] * line["qty"]']],
      },
      {
        msg: 'Pricing: subtotal as float',
        edit: [
          [
            PY.pricing,
            '    subtotal = sum(line_total(line) for line in lines)',
            '    subtotal = float(sum(line_total(line) for line in lines))',
          ],
        ],
      },
    ],
    post: [{ msg: 'Pricing: header', edit: [[PY.pricing, 'TIER_RATES = {', '# Pricing rules.\nTIER_RATES = {']] }],
  },
  {
    name: 'java-huge-pricing-file',
    bugClass: 'key-normalisation-change',
    lang: 'java',
    main: JAVA_MAIN,
    cases: ['huge-file'],
    files: {
      ...javaService,
      [JAVA.pricing]: javaService[JAVA.pricing].replace('    // @filler 2\n}', '    // @filler 150\n}'),
    },
    hot: [JAVA.pricing],
    historyFiles: [JAVA.pricing],
    history: 250,
    noise: 10,
    range: [
      {
        msg: 'Pricing: cap at 40%',
        edit: [
          [
            JAVA.pricing,
            '        return Math.min(0.5, tierRate + couponRate);',
            '        return Math.min(0.4, tierRate + couponRate);',
          ],
        ],
      },
      {
        msg: 'Pricing: coupons by normalised code',
        bug: true,
        edit: [
          [
            JAVA.pricing,
            '        double couponRate = coupon == null ? 0.0 : COUPONS.getOrDefault(coupon, 0.0);',
            '        double couponRate = coupon == null ? 0.0 : COUPONS.get(coupon.toLowerCase());',
          ],
        ],
      },
    ],
    post: [
      {
        msg: 'Pricing: comment',
        edit: [
          [JAVA.pricing, 'public class Pricing {\n', 'public class Pricing {\n    // Rates are fractions of one.\n'],
        ],
      },
    ],
  },
];
