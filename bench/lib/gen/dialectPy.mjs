// The parametric program in Python: a package under app/ (dicts as the database rows).
import { naming } from './vocab.mjs';

const { snake, upper } = naming;
const q = (s) => JSON.stringify(s);

export function renderPy(spec) {
  const { v, slots: s } = spec;
  const m = v.modules;
  const dir = {
    store: 'app/data',
    config: 'app/config',
    codec: 'app/lib',
    util: 'app/lib',
    intake: 'app/intake',
    service: 'app/services',
  };
  const file = (k) => (k === 'vendor' ? `vendor/${m.vendor}/__init__.py` : `${dir[k]}/${m[k]}.py`);
  const mod = (k) => (k === 'vendor' ? `vendor.${m.vendor}` : file(k).replace(/\.py$/, '').replace(/\//g, '.'));
  const lint = s.lint ? '# Style: formatted with the shared ruff config.\n' : '';
  const ent = snake(v.entity);
  const [sub, leaf, key, amount, items] = [snake(v.sub), snake(v.leaf), snake(v.key), snake(v.amount), snake(v.items)];
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, snake(ws)]));
  const table = upper(v.table);
  const batch = upper(v.batch);
  const files = {};
  for (const d of ['app', ...new Set(Object.values(dir))]) files[`${d}/__init__.py`] = '';

  files[file('config')] = `${lint}# Rates per ${key}; ops change them through a release.
${table} = {
${s.rates.map(([k, r]) => `    ${q(k)}: ${r === 0 ? '0.0' : r},`).join('\n')}
}

# How many ${items} one statement page lists.
${batch} = ${s.batch}

# @filler 2
`;

  files[file('codec')] = `${lint}# ${v.amount[0]} values travel as text between services.
def ${fn.encode}(cents):
    ${s.encode === 'plain' ? 'return str(cents)' : 'return f"{cents / 100:.2f}"'}


# @filler 3
`;

  const rec = (r) =>
    `    {"id": ${q(r.id)}, "name": ${q(r.name)}, ${q(key)}: ${q(r.key)}, ${q(amount)}: ${fn.encode}(${r.cents}), ${q(sub)}: ${r.leaf === null ? 'None' : `{${q(leaf)}: ${q(r.leaf)}}`}, ${q(items)}: [${r.items.map(q).join(', ')}]},`;
  files[file('store')] = `${lint}from ${mod('codec')} import ${fn.encode}

# The ${ent} records as the production database returns them.
RECORDS = [
${spec.records.map(rec).join('\n')}
]


def guest():
    return {"id": "guest", "name": ${q(s.guestName)}, ${q(key)}: ${q(v.keys[2])}, ${q(amount)}: ${fn.encode}(0), ${q(sub)}: {${q(leaf)}: "unknown"}, ${q(items)}: []}


# @filler 2


def ${fn.find}(record_id):
    found = next((r for r in RECORDS if r["id"] == record_id), None)
    ${s.find === 'fallback' ? 'return found if found is not None else guest()' : 'return found'}
`;

  const normBody = s.norm === 'lower' ? 'return str(value).strip().lower()' : 'return str(value).strip().upper()';
  files[file('util')] = `${lint}${
    s.vendored
      ? ''
      : `# ${v.key[0]} names arrive in any case and with stray spaces.
def ${fn.norm}(value):
    ${normBody}


`
  }# The first n ${items} of a list, for the statement header.
def ${fn.window}(${s.windowOrder === 'list-first' ? 'values, n' : 'n, values'}):
    out = []
    for i in range(${s.bound === '<' ? 'n' : 'n + 1'}):
        out.append(values[i].${s.itemFn === 'trim' ? 'strip' : 'upper'}())
    return out


# @filler 3
`;

  if (s.vendored)
    files[file('vendor')] = `"""${m.vendor} ${s.vendored}: key and slug helpers (MIT)."""
VERSION = ${q(s.vendored)}


def normalize(value):
    ${normBody}


def slug(value):
    return ${s.vendored.startsWith('2') ? '"-".join(str(value).lower().split())' : 'str(value).strip().lower().replace(" ", "-")'}
`;

  files[file('intake')] =
    `${lint}from ${s.vendored ? mod('vendor') : mod('util')} import ${s.vendored ? 'normalize' : fn.norm}

# @filler 2


def ${fn.prepare}(${ent}):
${s.guard ? `    if ${ent}.get(${q(sub)}) is None:\n        ${ent}[${q(sub)}] = {${q(leaf)}: "unknown"}\n` : ''}    ${ent}[${q(key)}] = ${s.vendored ? 'normalize' : fn.norm}(${ent}[${q(key)}])
    return ${ent}
`;

  const label = s.label === 'name' ? `${ent}["name"]` : `${ent}[${q(sub)}][${q(leaf)}]`;
  const rate = s.rate === 'guarded' ? `${table}.get(${ent}[${q(key)}], 0.0)` : `${table}[${ent}[${q(key)}]]`;
  files[file('service')] = `${lint}from ${mod('config')} import ${batch}, ${table}
from ${mod('util')} import ${fn.window}

# @filler 2


def ${fn.describe}(${ent}):
    label = ${label}
    rate = ${rate}
    cents = int(${ent}[${q(s.amountField === 'plain' ? amount : `${amount}_received`)}])
    pages = -(-len(${ent}[${q(items)}]) // ${batch})
    first = ${fn.window}(${ent}[${q(items)}], len(${ent}[${q(items)}]))
    return ${q(s.sep)}.join([label, f"{rate:.2f}", str(cents), str(pages), ",".join(first)])


def report(${ent}s):
    return [${fn.describe}(x) for x in ${ent}s]
`;

  files['main.py'] = `from ${mod('store')} import ${fn.find}
from ${mod('intake')} import ${fn.prepare}
from ${mod('service')} import report

ids = [${spec.ids.map(q).join(', ')}]
for line in report([${fn.prepare}(${fn.find}(i)) for i in ids]):
    print(line)
`;
  return { files, main: 'main.py', paths: Object.fromEntries(Object.keys(dir).map((k) => [k, file(k)])) };
}
