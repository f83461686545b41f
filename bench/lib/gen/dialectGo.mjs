// The parametric program in Go: one `main` package (a file per module) and, when vendored, a
// third_party package of the same module.
import { naming } from './vocab.mjs';

const { camel, pascal } = naming;
const q = (s) => JSON.stringify(s);

export function renderGo(spec) {
  const { v, slots: s } = spec;
  const m = v.modules;
  const file = (k) => (k === 'vendor' ? `third_party/${m.vendor}/${m.vendor}.go` : `${m[k]}.go`);
  const lint = s.lint ? '// Style: gofumpt and the shared golangci config.\n' : '';
  const E = pascal(v.entity);
  const S = pascal(v.sub);
  const [L, K, A, I] = [pascal(v.leaf), pascal(v.key), pascal(v.amount), pascal(v.items)];
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, camel(ws)]));
  const table = camel(v.table);
  const batch = camel(v.batch);
  const norm = s.vendored ? `${m.vendor}.Normalize` : fn.norm;
  const files = {};
  files['go.mod'] = 'module service\n\ngo 1.19\n';
  files['model.go'] = `package main

// ${E} is one row of the ${m.store} table.
type ${E} struct {
	ID      string
	Name    string
	${K}    string
	${A}    string
	${S}    *${S}
	${I}    []string
}

// ${S} is optional in production data.
type ${S} struct {
	${L} string
}

type rate struct {
	value float64
}
`;
  files[file('config')] = `package main

${lint}// Rates per ${v.key[0]}; ops change them through a release.
var ${table} = map[string]*rate{
${s.rates.map(([k, r]) => `	${q(k)}: {value: ${r}},`).join('\n')}
}

// How many ${v.items[0]} one statement page lists.
var ${batch} = ${s.batch}

// @filler 2
`;
  files[file('codec')] = `package main

${lint}import "strconv"

// ${fn.encode} writes ${v.amount[0]} values as text for other services.
func ${fn.encode}(cents int) string {
	${s.encode === 'plain' ? 'return strconv.Itoa(cents)' : "return strconv.FormatFloat(float64(cents)/100, 'f', 2, 64)"}
}

// @filler 3
`;
  const rec = (r) =>
    `	{ID: ${q(r.id)}, Name: ${q(r.name)}, ${K}: ${q(r.key)}, ${A}: ${fn.encode}(${r.cents}), ${S}: ${r.leaf === null ? 'nil' : `&${S}{${L}: ${q(r.leaf)}}`}, ${I}: []string{${r.items.map(q).join(', ')}}},`;
  files[file('store')] = `package main

${lint}// The ${v.entity[0]} records as the production database returns them.
var records = []*${E}{
${spec.records.map(rec).join('\n')}
}

func guest() *${E} {
	return &${E}{ID: "guest", Name: ${q(s.guestName)}, ${K}: ${q(v.keys[2])}, ${A}: ${fn.encode}(0), ${S}: &${S}{${L}: "unknown"}, ${I}: []string{}}
}

// @filler 2

func ${fn.find}(id string) *${E} {
	for _, r := range records {
		if r.ID == id {
			return r
		}
	}
	${s.find === 'fallback' ? 'return guest()' : 'return nil'}
}
`;
  const normBody =
    s.norm === 'lower'
      ? 'return strings.ToLower(strings.TrimSpace(value))'
      : 'return strings.ToUpper(strings.TrimSpace(value))';
  files[file('util')] = `package main

${lint}import "strings"

${
  s.vendored
    ? ''
    : `// ${fn.norm}: names arrive in any case and with stray spaces.
func ${fn.norm}(value string) string {
	${normBody}
}

`
}// ${fn.window} returns the first n ${v.items[0]}, for the statement header.
func ${fn.window}(list []string, n int) []string {
	out := []string{}
	for i := 0; i ${s.bound} n; i++ {
		out = append(out, strings.${s.itemFn === 'trim' ? 'TrimSpace' : 'ToUpper'}(list[i]))
	}
	return out
}

// @filler 3
`;
  if (s.vendored)
    files[file('vendor')] = `// Package ${m.vendor} ${s.vendored}: key and slug helpers (MIT).
package ${m.vendor}

import "strings"

const Version = ${q(s.vendored)}

func Normalize(value string) string {
	${normBody}
}

func Slug(value string) string {
	return ${s.vendored.startsWith('2') ? 'strings.Join(strings.Fields(strings.ToLower(value)), "-")' : 'strings.ReplaceAll(strings.ToLower(strings.TrimSpace(value)), " ", "-")'}
}
`;
  files[file('intake')] = `package main

${s.vendored ? `import "service/third_party/${m.vendor}"\n\n` : ''}${lint}// @filler 2

func ${fn.prepare}(c *${E}) *${E} {
${s.guard ? `	if c.${S} == nil {\n		c.${S} = &${S}{${L}: "unknown"}\n	}\n` : ''}	c.${K} = ${norm}(c.${K})
	return c
}
`;
  const label = s.label === 'name' ? 'c.Name' : `c.${S}.${L}`;
  const rateLines =
    s.rate === 'guarded'
      ? `rate := 0.0\n	if r, ok := ${table}[c.${K}]; ok {\n		rate = r.value\n	}`
      : `rate := ${table}[c.${K}].value`;
  files[file('service')] = `package main

${lint}import (
	"strconv"
	"strings"
)

// @filler 2

func ${fn.describe}(c *${E}) string {
	label := ${label}
	${rateLines}
	cents, err := strconv.Atoi(c.${A})
	if err != nil {
		panic(err)
	}
	pages := (len(c.${I}) + ${batch} - 1) / ${batch}
	first := ${fn.window}(c.${I}, len(c.${I}))
	return strings.Join([]string{label, strconv.FormatFloat(rate, 'f', 2, 64), strconv.Itoa(cents), strconv.Itoa(pages), strings.Join(first, ",")}, ${q(s.sep)})
}

func report(list []*${E}) []string {
	out := []string{}
	for _, c := range list {
		out = append(out, ${fn.describe}(c))
	}
	return out
}
`;
  files['main.go'] = `package main

import "fmt"

func main() {
	ids := []string{${spec.ids.map(q).join(', ')}}
	prepared := []*${E}{}
	for _, id := range ids {
		prepared = append(prepared, ${fn.prepare}(${fn.find}(id)))
	}
	for _, line := range report(prepared) {
		fmt.Println(line)
	}
}
`;
  return {
    files,
    main: 'main.go',
    paths: Object.fromEntries(['store', 'config', 'codec', 'util', 'intake', 'service'].map((k) => [k, file(k)])),
  };
}
