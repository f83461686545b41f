// The parametric program in Ruby: one module per file under lib/ (hashes as the database rows).
import { naming } from './vocab.mjs';

const { pascal, snake, upper } = naming;
const q = (s) => `'${s}'`;

export function renderRuby(spec) {
  const { v, slots: s } = spec;
  const m = v.modules;
  const file = (k) => (k === 'vendor' ? `vendor/${m.vendor}/lib/${m.vendor}.rb` : `lib/${m[k]}.rb`);
  const M = (k) => pascal([k === 'vendor' ? m.vendor : m[k]]);
  const lint = s.lint ? '# Style: rubocop with the shared config.\n' : '';
  const ent = snake(v.entity);
  const [sub, leaf, key, amount, items] = [snake(v.sub), snake(v.leaf), snake(v.key), snake(v.amount), snake(v.items)];
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, snake(ws)]));
  const table = upper(v.table);
  const batch = upper(v.batch);
  const files = {};
  files[file('config')] = `${lint}module ${M('config')}
  # Rates per ${key}; ops change them through a release.
  ${table} = {
${s.rates.map(([k, r]) => `    ${q(k)} => ${r === 0 ? '0.0' : r},`).join('\n')}
  }.freeze

  # How many ${items} one statement page lists.
  ${batch} = ${s.batch}

  # @filler 2
end
`;
  files[file('codec')] = `${lint}module ${M('codec')}
  # ${amount} values travel as text between services.
  def self.${fn.encode}(cents)
    ${s.encode === 'plain' ? 'cents.to_s' : "format('%.2f', cents / 100.0)"}
  end

  # @filler 3
end
`;
  const rec = (r) =>
    `    { id: ${q(r.id)}, name: ${q(r.name)}, ${key}: ${q(r.key)}, ${amount}: ${M('codec')}.${fn.encode}(${r.cents}), ${sub}: ${r.leaf === null ? 'nil' : `{ ${leaf}: ${q(r.leaf)} }`}, ${items}: [${r.items.map(q).join(', ')}] },`;
  files[file('store')] = `${lint}require_relative '${m.codec}'

module ${M('store')}
  # The ${ent} records as the production database returns them.
  RECORDS = [
${spec.records.map(rec).join('\n')}
  ].freeze

  def self.guest
    { id: 'guest', name: ${q(s.guestName)}, ${key}: ${q(v.keys[2])}, ${amount}: ${M('codec')}.${fn.encode}(0), ${sub}: { ${leaf}: 'unknown' }, ${items}: [] }
  end

  # @filler 2

  def self.${fn.find}(id)
    ${s.find === 'fallback' ? 'RECORDS.find { |r| r[:id] == id } || guest' : 'RECORDS.find { |r| r[:id] == id }'}
  end
end
`;
  const normBody = s.norm === 'lower' ? 'value.to_s.strip.downcase' : 'value.to_s.strip.upcase';
  files[file('util')] = `${lint}module ${M('util')}
${
  s.vendored
    ? ''
    : `  # ${key} names arrive in any case and with stray spaces.
  def self.${fn.norm}(value)
    ${normBody}
  end

`
}  # The first n ${items} of a list, for the statement header.
  def self.${fn.window}(${s.windowOrder === 'list-first' ? 'list, n' : 'n, list'})
    (0${s.bound === '<' ? '...' : '..'}n).map { |i| list[i].${s.itemFn === 'trim' ? 'strip' : 'upcase'} }
  end

  # @filler 3
end
`;
  if (s.vendored)
    files[file('vendor')] = `# ${m.vendor} ${s.vendored}: key and slug helpers (MIT).
module ${M('vendor')}
  VERSION = '${s.vendored}'

  def self.normalize(value)
    ${normBody}
  end

  def self.slug(value)
    ${s.vendored.startsWith('2') ? "value.to_s.downcase.split.join('-')" : "value.to_s.strip.downcase.tr(' ', '-')"}
  end
end
`;
  const normCall = s.vendored ? `${M('vendor')}.normalize` : `${M('util')}.${fn.norm}`;
  files[file('intake')] = `${lint}require_relative '${s.vendored ? `../vendor/${m.vendor}/lib/${m.vendor}` : m.util}'

module ${M('intake')}
  # @filler 2

  def self.${fn.prepare}(${ent})
${s.guard ? `    ${ent}[:${sub}] ||= { ${leaf}: 'unknown' }\n` : ''}    ${ent}[:${key}] = ${normCall}(${ent}[:${key}])
    ${ent}
  end
end
`;
  const label = s.label === 'name' ? `${ent}[:name]` : `${ent}[:${sub}][:${leaf}]`;
  const rate =
    s.rate === 'guarded'
      ? `${M('config')}::${table}.fetch(${ent}[:${key}], 0.0)`
      : `${M('config')}::${table}.fetch(${ent}[:${key}])`;
  files[file('service')] = `${lint}require_relative '${m.config}'
require_relative '${m.util}'

module ${M('service')}
  # @filler 2

  def self.${fn.describe}(${ent})
    label = ${label}
    rate = ${rate}
    cents = Integer(${ent}[:${s.amountField === 'plain' ? amount : `${amount}_received`}])
    pages = (${ent}[:${items}].size + ${M('config')}::${batch} - 1) / ${M('config')}::${batch}
    first = ${M('util')}.${fn.window}(${ent}[:${items}], ${ent}[:${items}].size)
    [label, format('%.2f', rate), cents.to_s, pages.to_s, first.join(',')].join(${q(s.sep)})
  end

  def self.report(list)
    list.map { |x| ${fn.describe}(x) }
  end
end
`;
  files['main.rb'] = `require_relative 'lib/${m.store}'
require_relative 'lib/${m.intake}'
require_relative 'lib/${m.service}'

ids = [${spec.ids.map(q).join(', ')}]
${M('service')}.report(ids.map { |id| ${M('intake')}.${fn.prepare}(${M('store')}.${fn.find}(id)) }).each { |line| puts line }
`;
  return {
    files,
    main: 'main.rb',
    paths: Object.fromEntries(['store', 'config', 'codec', 'util', 'intake', 'service'].map((k) => [k, file(k)])),
  };
}
