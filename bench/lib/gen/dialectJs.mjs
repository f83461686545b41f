// The parametric program in JavaScript: CommonJS (`cjs`), ES modules (`esm`) or TypeScript built
// into a minified bundle with a source map (`ts`). See programSpec.mjs for the slots.
import { naming } from './vocab.mjs';

const { camel, pascal, upper } = naming;

export function renderJs(spec, flavor) {
  const { v, slots: s } = spec;
  const ext = flavor === 'cjs' ? 'js' : flavor === 'esm' ? 'mjs' : 'ts';
  const m = v.modules;
  const dir = {
    store: 'src/data',
    config: 'src/config',
    codec: 'src/lib',
    util: 'src/lib',
    intake: 'src/intake',
    service: 'src/services',
    vendor: 'vendor',
  };
  const file = (k) => (k === 'vendor' ? `vendor/${m.vendor}/index.${ext}` : `${dir[k]}/${m[k]}.${ext}`);
  const rel = (from, to) => {
    const a = file(from).split('/').slice(0, -1);
    const b = file(to).split('/');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    const up = a.length - i;
    const p = [...Array(up).fill('..'), ...b.slice(i)].join('/');
    const noExt = flavor === 'ts' ? p.replace(/\.ts$/, '') : p;
    return up ? noExt : `./${noExt}`;
  };
  const imp = (from, to, names) =>
    flavor === 'cjs'
      ? `const { ${names.join(', ')} } = require('${rel(from, to).replace(/\.js$/, '')}');`
      : `import { ${names.join(', ')} } from '${rel(from, to)}';`;
  const exp = (names) =>
    flavor === 'cjs' ? `module.exports = { ${names.join(', ')} };` : `export { ${names.join(', ')} };`;
  const head = flavor === 'cjs' ? "'use strict';\n" : '';
  const lint = s.lint ? `// Style: shared lint config (${s.lintRule}).\n` : '';
  const T = (k) => (flavor === 'ts' ? k : '');
  const ent = camel(v.entity);
  const [sub, leaf, key, amount, items] = [camel(v.sub), camel(v.leaf), camel(v.key), camel(v.amount), camel(v.items)];
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, camel(ws)]));
  const table = upper(v.table);
  const batch = upper(v.batch);
  const normFrom = s.vendored ? 'vendor' : 'util';
  const normName = s.vendored ? 'normalize' : fn.norm;
  const files = {};

  files[file('config')] = `${head}${lint}// Rates per ${key}; ops change them through a release.
const ${table} = {
${s.rates.map(([k, r]) => `  ${k}: { rate: ${r} },`).join('\n')}
};

// How many ${items} one statement page lists.
const ${batch} = ${s.batch};

// @filler 2

${exp([table, batch])}
`;

  files[file('codec')] = `${head}${lint}// ${pascal(v.amount)} values travel as text between services.
function ${fn.encode}(cents${T(': number')}) {
  ${s.encode === 'plain' ? 'return String(cents);' : 'return (cents / 100).toFixed(2);'}
}

// @filler 3

${exp([fn.encode])}
`;

  const rec = (r) =>
    `  { id: '${r.id}', name: '${r.name}', ${key}: '${r.key}', ${amount}: ${fn.encode}(${r.cents}), ${sub}: ${r.leaf === null ? 'null' : `{ ${leaf}: '${r.leaf}' }`}, ${items}: [${r.items.map((x) => `'${x}'`).join(', ')}] },`;
  files[file('store')] = `${head}${lint}${imp('store', 'codec', [fn.encode])}

// The ${ent} records as the production database returns them.
const RECORDS = [
${spec.records.map(rec).join('\n')}
];

function guest() {
  return { id: 'guest', name: '${s.guestName}', ${key}: '${v.keys[2]}', ${amount}: ${fn.encode}(0), ${sub}: { ${leaf}: 'unknown' }, ${items}: [] };
}

// @filler 2

function ${fn.find}(id${T(': string')}) {
  const found = RECORDS.find((r) => r.id === id);
  ${s.find === 'fallback' ? 'return found ?? guest();' : 'return found ?? null;'}
}

${exp([fn.find])}
`;

  const normBody =
    s.norm === 'lower' ? 'return String(value).trim().toLowerCase();' : 'return String(value).trim().toUpperCase();';
  files[file('util')] = `${head}${lint}${
    s.vendored
      ? ''
      : `// ${pascal(v.key)} names arrive in any case and with stray spaces.
function ${fn.norm}(value${T(': string')}) {
  ${normBody}
}

`
  }// The first n ${items} of a list, for the statement header.
function ${fn.window}(${s.windowOrder === 'list-first' ? `list${T(': string[]')}, n${T(': number')}` : `n${T(': any')}, list${T(': any')}`}) {
  const out = [];
  for (let i = 0; i ${s.bound} n; i++) {
    out.push(list[i].${s.itemFn === 'trim' ? 'trim' : 'toUpperCase'}());
  }
  return out;
}

// @filler 3

${exp(s.vendored ? [fn.window] : [fn.norm, fn.window])}
`;

  if (s.vendored)
    files[file('vendor')] = `${head}/*! ${m.vendor} ${s.vendored} | MIT */
function normalize(value${T(': string')}) {
  ${normBody}
}

function slug(value${T(': string')}) {
  return String(value).trim().toLowerCase().replace(${s.vendored.startsWith('2') ? '/[^a-z0-9]+/g' : '/\\s+/g'}, '-');
}

const VERSION = '${s.vendored}';

${exp(['normalize', 'slug', 'VERSION'])}
`;

  files[file('intake')] = `${head}${lint}${imp('intake', normFrom, [normName])}

// @filler 2

function ${fn.prepare}(${ent}${T(': any')}) {
${s.guard ? `  if (!${ent}.${sub}) {\n    ${ent}.${sub} = { ${leaf}: 'unknown' };\n  }\n` : ''}  ${ent}.${key} = ${normName}(${ent}.${key});
  return ${ent};
}

${exp([fn.prepare])}
`;

  const label = s.label === 'name' ? `${ent}.name` : `${ent}.${sub}.${leaf}`;
  const rate = s.rate === 'guarded' ? `${table}[${ent}.${key}]?.rate ?? 0` : `${table}[${ent}.${key}].rate`;
  files[file('service')] = `${head}${lint}${imp('service', 'config', [table, batch])}
${imp('service', 'util', [fn.window])}

// @filler 2

function ${fn.describe}(${ent}${T(': any')}) {
  const label = ${label};
  const rate = ${rate};
  const cents = BigInt(${ent}.${s.amountField === 'plain' ? amount : camel([...v.amount, 'received'])});
  const pages = new Array(Math.ceil(${ent}.${items}.length / ${batch})).length;
  const first = ${fn.window}(${ent}.${items}, ${ent}.${items}.length);
  return [label, rate.toFixed(2), String(cents), pages, first.join(',')].join('${s.sep}');
}

function report(${ent}s${T(': any[]')}) {
  return ${ent}s.map((x) => ${fn.describe}(x));
}

// @filler 2

${exp([fn.describe, 'report'])}
`;

  const mainFile = flavor === 'cjs' ? 'main.js' : flavor === 'esm' ? 'main.mjs' : 'src/main.ts';
  const mainRel = (k) => {
    const p = file(k);
    const r = flavor === 'ts' ? `./${p.replace(/^src\//, '').replace(/\.ts$/, '')}` : `./${p.replace(/\.js$/, '')}`;
    return flavor === 'cjs' ? r : r;
  };
  const mainImp = (k, names) =>
    flavor === 'cjs'
      ? `const { ${names.join(', ')} } = require('${mainRel(k)}');`
      : `import { ${names.join(', ')} } from '${mainRel(k)}';`;
  files[mainFile] = `${head}${mainImp('store', [fn.find])}
${mainImp('intake', [fn.prepare])}
${mainImp('service', ['report'])}

Error.stackTraceLimit = 50;
const ids = [${spec.ids.map((i) => `'${i}'`).join(', ')}];
for (const line of report(ids.map((id) => ${fn.prepare}(${fn.find}(id))))) console.log(line);
`;
  return { files, main: mainFile, paths: Object.fromEntries(Object.keys(dir).map((k) => [k, file(k)])) };
}
