// The parametric program in PHP 8 (strict types): one final class per file under src/, arrays as
// the database rows.
import { naming } from './vocab.mjs';

const { camel, pascal, upper } = naming;
const q = (s) => `'${s}'`;

export function renderPhp(spec) {
  const { v, slots: s } = spec;
  const m = v.modules;
  const C = (k) => pascal([k === 'vendor' ? m.vendor : m[k]]);
  const file = (k) => (k === 'vendor' ? `vendor/${m.vendor}/src/${C(k)}.php` : `src/${C(k)}.php`);
  const head = `<?php\n\ndeclare(strict_types=1);\n\n${s.lint ? '// Style: php-cs-fixer with the shared ruleset.\n\n' : ''}`;
  const [sub, leaf, key, amount, items] = [camel(v.sub), camel(v.leaf), camel(v.key), camel(v.amount), camel(v.items)];
  const ent = camel(v.entity);
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, camel(ws)]));
  const table = upper(v.table);
  const batch = upper(v.batch);
  const req = (k) => `require_once __DIR__ . '/${k === 'vendor' ? `../vendor/${m.vendor}/src/${C(k)}` : C(k)}.php';`;
  const files = {};
  files[file('config')] = `${head}final class ${C('config')}
{
    // Rates per ${key}; ops change them through a release.
    public const ${table} = [
${s.rates.map(([k, r]) => `        ${q(k)} => ${r === 0 ? '0.0' : r},`).join('\n')}
    ];

    // How many ${items} one statement page lists.
    public const ${batch} = ${s.batch};

    // @filler 2
}
`;
  files[file('codec')] = `${head}final class ${C('codec')}
{
    // ${amount} values travel as text between services.
    public static function ${fn.encode}(int $cents): string
    {
        ${s.encode === 'plain' ? 'return (string) $cents;' : "return number_format($cents / 100, 2, '.', '');"}
    }

    // @filler 3
}
`;
  const rec = (r) =>
    `            ['id' => ${q(r.id)}, 'name' => ${q(r.name)}, ${q(key)} => ${q(r.key)}, ${q(amount)} => ${C('codec')}::${fn.encode}(${r.cents}), ${q(sub)} => ${r.leaf === null ? 'null' : `[${q(leaf)} => ${q(r.leaf)}]`}, ${q(items)} => [${r.items.map(q).join(', ')}]],`;
  files[file('store')] = `${head}${req('codec')}

final class ${C('store')}
{
    // The ${ent} records as the production database returns them.
    private static function records(): array
    {
        return [
${spec.records.map(rec).join('\n')}
        ];
    }

    private static function guest(): array
    {
        return ['id' => 'guest', 'name' => ${q(s.guestName)}, ${q(key)} => ${q(v.keys[2])}, ${q(amount)} => ${C('codec')}::${fn.encode}(0), ${q(sub)} => [${q(leaf)} => 'unknown'], ${q(items)} => []];
    }

    // @filler 2

    public static function ${fn.find}(string $id): ?array
    {
        foreach (self::records() as $r) {
            if ($r['id'] === $id) {
                return $r;
            }
        }
        ${s.find === 'fallback' ? 'return self::guest();' : 'return null;'}
    }
}
`;
  const normBody = s.norm === 'lower' ? 'return strtolower(trim($value));' : 'return strtoupper(trim($value));';
  files[file('util')] = `${head}final class ${C('util')}
{
${
  s.vendored
    ? ''
    : `    // ${key} names arrive in any case and with stray spaces.
    public static function ${fn.norm}(string $value): string
    {
        ${normBody}
    }

`
}    // The first n ${items} of a list, for the statement header.
    public static function ${fn.window}(${s.windowOrder === 'list-first' ? 'array $list, int $n' : 'int $n, array $list'}): array
    {
        $out = [];
        for ($i = 0; $i ${s.bound} $n; $i++) {
            $out[] = ${s.itemFn === 'trim' ? 'trim' : 'strtoupper'}($list[$i]);
        }
        return $out;
    }

    // @filler 3
}
`;
  if (s.vendored)
    files[file('vendor')] = `<?php

declare(strict_types=1);

/** ${m.vendor} ${s.vendored}: key and slug helpers (MIT). */
final class ${C('vendor')}
{
    public const VERSION = '${s.vendored}';

    public static function normalize(string $value): string
    {
        ${normBody}
    }

    public static function slug(string $value): string
    {
        return ${s.vendored.startsWith('2') ? "implode('-', preg_split('/\\s+/', strtolower(trim($value))))" : "str_replace(' ', '-', strtolower(trim($value)))"};
    }
}
`;
  const normCall = s.vendored ? `${C('vendor')}::normalize` : `${C('util')}::${fn.norm}`;
  files[file('intake')] = `${head}${req(s.vendored ? 'vendor' : 'util')}

final class ${C('intake')}
{
    // @filler 2

    public static function ${fn.prepare}(array $${ent}): array
    {
${s.guard ? `        if ($${ent}[${q(sub)}] === null) {\n            $${ent}[${q(sub)}] = [${q(leaf)} => 'unknown'];\n        }\n` : ''}        $${ent}[${q(key)}] = ${normCall}($${ent}[${q(key)}]);
        return $${ent};
    }
}
`;
  const label = s.label === 'name' ? `ucfirst($${ent}['name'])` : `ucfirst($${ent}[${q(sub)}][${q(leaf)}])`;
  const rate =
    s.rate === 'guarded'
      ? `round(${C('config')}::${table}[$${ent}[${q(key)}]] ?? 0.0, 2)`
      : `round(${C('config')}::${table}[$${ent}[${q(key)}]], 2)`;
  files[file('service')] = `${head}${req('config')}
${req('util')}

final class ${C('service')}
{
    // @filler 2

    public static function ${fn.describe}(array $${ent}): string
    {
        $label = ${label};
        $rate = ${rate};
        $raw = $${ent}[${q(s.amountField === 'plain' ? amount : camel([...v.amount, 'received']))}];
        if (!is_string($raw) || !ctype_digit($raw)) {
            throw new UnexpectedValueException('${amount} is not a whole number: ' . var_export($raw, true));
        }
        $cents = (int) $raw;
        $pages = intdiv(count($${ent}[${q(items)}]) + ${C('config')}::${batch} - 1, ${C('config')}::${batch});
        $first = ${C('util')}::${fn.window}($${ent}[${q(items)}], count($${ent}[${q(items)}]));
        return implode(${q(s.sep)}, [$label, number_format($rate, 2), (string) $cents, (string) $pages, implode(',', $first)]);
    }

    public static function report(array $list): array
    {
        return array_map(fn (array $x): string => self::${fn.describe}($x), $list);
    }
}
`;
  files['main.php'] = `<?php

declare(strict_types=1);

require_once __DIR__ . '/src/${C('store')}.php';
require_once __DIR__ . '/src/${C('intake')}.php';
require_once __DIR__ . '/src/${C('service')}.php';

$ids = [${spec.ids.map(q).join(', ')}];
$prepared = array_map(fn (string $id): array => ${C('intake')}::${fn.prepare}(${C('store')}::${fn.find}($id)), $ids);
foreach (${C('service')}::report($prepared) as $line) {
    echo $line, PHP_EOL;
}
`;
  return {
    files,
    main: 'main.php',
    paths: Object.fromEntries(['store', 'config', 'codec', 'util', 'intake', 'service'].map((k) => [k, file(k)])),
  };
}
