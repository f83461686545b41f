// The parametric program in Rust: a binary crate, one module per file under src/, built with
// rustc directly (debug info on, so the panic backtrace has files and lines).
import { naming } from './vocab.mjs';

const { pascal, snake, upper } = naming;
const q = (s) => JSON.stringify(s);

export function renderRust(spec) {
  const { v, slots: s } = spec;
  const m = v.modules;
  const file = (k) => (k === 'vendor' ? `vendor/${m.vendor}/lib.rs` : `src/${m[k]}.rs`);
  const lint = s.lint ? '// Style: rustfmt and clippy with the shared config.\n' : '';
  const E = pascal(v.entity);
  const S = pascal(v.sub);
  const [sub, leaf, key, amount, items] = [snake(v.sub), snake(v.leaf), snake(v.key), snake(v.amount), snake(v.items)];
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, snake(ws)]));
  const table = snake(v.table);
  const batch = upper(v.batch);
  const files = {};
  files['src/model.rs'] = `#[derive(Clone, Default, Debug)]
pub struct ${E} {
    pub id: String,
    pub name: String,
    pub ${key}: String,
    pub ${amount}: String,
    pub ${sub}: Option<${S}>,
    pub ${items}: Vec<String>,
}

// Optional in production data.
#[derive(Clone, Default, Debug)]
pub struct ${S} {
    pub ${leaf}: String,
}
`;
  files[file('config')] = `${lint}use std::collections::HashMap;

// Rates per ${key}; ops change them through a release.
pub fn ${table}() -> HashMap<&'static str, f64> {
    HashMap::from([
${s.rates.map(([k, r]) => `        (${q(k)}, ${r === 0 ? '0.0' : r}),`).join('\n')}
    ])
}

// How many ${items} one statement page lists (PAGE_SIZE overrides it).
pub const ${batch}: usize = ${s.batch};

pub fn ${snake(v.batch)}() -> usize {
    std::env::var("${batch}").ok().and_then(|v| v.parse().ok()).unwrap_or(${batch})
}

// @filler 2
`;
  files[file('codec')] = `${lint}// ${amount} values travel as text between services.
pub fn ${fn.encode}(cents: i64) -> String {
    ${s.encode === 'plain' ? 'cents.to_string()' : 'format!("{:.2}", cents as f64 / 100.0)'}
}

// @filler 3
`;
  const opt = (leafValue) => (leafValue === null ? 'None' : `Some(${S} { ${leaf}: ${q(leafValue)}.to_string() })`);
  const rec = (r) =>
    `        ${E} { id: ${q(r.id)}.to_string(), name: ${q(r.name)}.to_string(), ${key}: ${q(r.key)}.to_string(), ${amount}: ${fn.encode}(${r.cents}), ${sub}: ${opt(r.leaf)}, ${items}: vec![${r.items.map((x) => `${q(x)}.to_string()`).join(', ')}] },`;
  files[file('store')] = `${lint}use crate::${m.codec}::${fn.encode};
use crate::model::{${E}, ${S}};

// The ${snake(v.entity)} records as the production database returns them.
fn records() -> Vec<${E}> {
    vec![
${spec.records.map(rec).join('\n')}
    ]
}

fn guest() -> ${E} {
    ${E} { id: "guest".to_string(), name: ${q(s.guestName)}.to_string(), ${key}: ${q(v.keys[2])}.to_string(), ${amount}: ${fn.encode}(0), ${sub}: ${opt('unknown')}, ${items}: vec![] }
}

// @filler 2

pub fn ${fn.find}(id: &str) -> ${E} {
    let found = records().into_iter().find(|r| r.id == id);
    ${s.find === 'fallback' ? 'found.unwrap_or_else(guest)' : 'found.unwrap_or_default()'}
}
`;
  const normBody = s.norm === 'lower' ? 'value.trim().to_lowercase()' : 'value.trim().to_uppercase()';
  files[file('util')] = `${lint}${
    s.vendored
      ? ''
      : `// ${key} names arrive in any case and with stray spaces.
pub fn ${fn.norm}(value: &str) -> String {
    ${normBody}
}

`
  }// The first n ${items} of a list, for the statement header.
pub fn ${fn.window}(list: &[String], n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..${s.bound === '<' ? '' : '='}n {
        out.push(list[i].${s.itemFn === 'trim' ? 'trim().to_string()' : 'to_uppercase()'});
    }
    out
}

// @filler 3
`;
  if (s.vendored)
    files[file('vendor')] = `//! ${m.vendor} ${s.vendored}: key and slug helpers (MIT).
pub const VERSION: &str = ${q(s.vendored)};

pub fn normalize(value: &str) -> String {
    ${normBody}
}

pub fn slug(value: &str) -> String {
    ${s.vendored.startsWith('2') ? 'value.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-")' : 'value.trim().to_lowercase().replace(\' \', "-")'}
}
`;
  const normCall = s.vendored ? `crate::${m.vendor}::normalize` : `crate::${m.util}::${fn.norm}`;
  files[file('intake')] = `${lint}use crate::model::{${E}, ${S}};

// @filler 2

pub fn ${fn.prepare}(mut item: ${E}) -> ${E} {
${s.guard ? `    if item.${sub}.is_none() {\n        item.${sub} = Some(${S} { ${leaf}: "unknown".to_string() });\n    }\n` : ''}    item.${key} = ${normCall}(&item.${key});
    item
}
`;
  const label = s.label === 'name' ? 'item.name.clone()' : `item.${sub}.as_ref().unwrap().${leaf}.clone()`;
  const rate =
    s.rate === 'guarded'
      ? `${m.config}::${table}().get(item.${key}.as_str()).copied().unwrap_or(0.0)`
      : `${m.config}::${table}()[item.${key}.as_str()]`;
  files[file('service')] = `${lint}use crate::model::${E};
use crate::${m.config};
use crate::${m.util}::${fn.window};

// @filler 2

pub fn ${fn.describe}(item: &${E}) -> String {
    let label = ${label};
    let rate = ${rate};
    let cents: i64 = item.${amount}.parse().unwrap();
    let pages = (item.${items}.len() + ${m.config}::${snake(v.batch)}() - 1) / ${m.config}::${snake(v.batch)}();
    let first = ${fn.window}(&item.${items}, item.${items}.len());
    [label, format!("{:.2}", rate), cents.to_string(), pages.to_string(), first.join(",")].join(${q(s.sep)})
}

pub fn report(list: &[${E}]) -> Vec<String> {
    list.iter().map(${fn.describe}).collect()
}
`;
  const mods = ['model', m.config, m.codec, m.store, m.util, m.intake, m.service];
  files['src/main.rs'] = `#![allow(dead_code)]
${s.vendored ? `#[path = "../vendor/${m.vendor}/lib.rs"]\nmod ${m.vendor};\n` : ''}${mods.map((x) => `mod ${x};`).join('\n')}

fn main() {
    let ids = [${spec.ids.map(q).join(', ')}];
    let prepared: Vec<_> = ids.iter().map(|id| ${m.intake}::${fn.prepare}(${m.store}::${fn.find}(id))).collect();
    for line in ${m.service}::report(&prepared) {
        println!("{}", line);
    }
}
`;
  return {
    files,
    main: 'src/main.rs',
    paths: Object.fromEntries(['store', 'config', 'codec', 'util', 'intake', 'service'].map((k) => [k, file(k)])),
  };
}
