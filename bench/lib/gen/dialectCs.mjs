// The parametric program in C# (Mono): one static class per file under src/, plain classes as
// the database rows.
import { naming } from './vocab.mjs';

const { pascal } = naming;
const q = (s) => JSON.stringify(s);

export function renderCs(spec) {
  const { v, slots: s } = spec;
  const m = v.modules;
  const C = (k) => pascal([k === 'vendor' ? m.vendor : m[k]]);
  const ns = `Acme.${pascal([v.id])}`;
  const file = (k) => (k === 'vendor' ? `vendor/${m.vendor}/${C(k)}.cs` : `src/${C(k)}.cs`);
  const lint = s.lint ? '// Style: dotnet-format with the shared .editorconfig.\n' : '';
  const head = `${lint}using System;\nusing System.Collections.Generic;\nusing System.Globalization;\n\nnamespace ${ns}\n{\n`;
  const E = pascal(v.entity);
  const S = pascal(v.sub);
  const [L, K, A, I] = [pascal(v.leaf), pascal(v.key), pascal(v.amount), pascal(v.items)];
  const fn = Object.fromEntries(Object.entries(v.fn).map(([k, ws]) => [k, pascal(ws)]));
  const table = pascal(v.table);
  const batch = pascal(v.batch);
  const files = {};
  files['src/Model.cs'] = `${head}    public class ${E}
    {
        public string Id;
        public string Name;
        public string ${K};
        public string ${A};
        public ${S} ${S};
        public List<string> ${I};
    }

    // Optional in production data.
    public class ${S}
    {
        public string ${L};
    }
}
`;
  files[file('config')] = `${head}    public static class ${C('config')}
    {
        // Rates per ${v.key[0]}; ops change them through a release.
        public static readonly Dictionary<string, double> ${table} = new Dictionary<string, double>
        {
${s.rates.map(([k, r]) => `            [${q(k)}] = ${r === 0 ? '0.0' : r},`).join('\n')}
        };

        // How many ${v.items[0]} one statement page lists.
        public static readonly int ${batch} = ${s.batch};

        // @filler 2
    }
}
`;
  files[file('codec')] = `${head}    public static class ${C('codec')}
    {
        // ${v.amount[0]} values travel as text between services.
        public static string ${fn.encode}(long cents)
        {
            ${s.encode === 'plain' ? 'return cents.ToString(CultureInfo.InvariantCulture);' : 'return (cents / 100.0).ToString("F2", CultureInfo.InvariantCulture);'}
        }

        // @filler 3
    }
}
`;
  const rec = (r) =>
    `            new ${E} { Id = ${q(r.id)}, Name = ${q(r.name)}, ${K} = ${q(r.key)}, ${A} = ${C('codec')}.${fn.encode}(${r.cents}), ${S} = ${r.leaf === null ? 'null' : `new ${S} { ${L} = ${q(r.leaf)} }`}, ${I} = new List<string> { ${r.items.map(q).join(', ')} } },`;
  files[file('store')] = `${head}    public static class ${C('store')}
    {
        // The ${v.entity[0]} records as the production database returns them.
        static readonly List<${E}> Records = new List<${E}>
        {
${spec.records.map(rec).join('\n')}
        };

        static ${E} Placeholder()
        {
            return new ${E} { Id = "guest", Name = ${q(s.guestName)}, ${K} = ${q(v.keys[2])}, ${A} = ${C('codec')}.${fn.encode}(0), ${S} = new ${S} { ${L} = "unknown" }, ${I} = new List<string>() };
        }

        // @filler 2

        public static ${E} ${fn.find}(string id)
        {
            foreach (var r in Records)
                if (r.Id == id)
                    return r;
            ${s.find === 'fallback' ? 'return Placeholder();' : 'return null;'}
        }
    }
}
`;
  const normBody =
    s.norm === 'lower' ? 'return value.Trim().ToLowerInvariant();' : 'return value.Trim().ToUpperInvariant();';
  files[file('util')] = `${head}    public static class ${C('util')}
    {
${
  s.vendored
    ? ''
    : `        // ${v.key[0]} names arrive in any case and with stray spaces.
        public static string ${fn.norm}(string value)
        {
            ${normBody}
        }

`
}        // The first n ${v.items[0]} of a list, for the statement header.
        public static List<string> ${fn.window}(List<string> list, int n)
        {
            var output = new List<string>();
            for (int i = 0; i ${s.bound} n; i++)
            {
                output.Add(list[i].${s.itemFn === 'trim' ? 'Trim' : 'ToUpperInvariant'}());
            }
            return output;
        }

        // @filler 3
    }
}
`;
  if (s.vendored)
    files[file('vendor')] = `// ${m.vendor} ${s.vendored}: key and slug helpers (MIT).
using System;

namespace ${C('vendor')}Lib
{
    public static class ${C('vendor')}
    {
        public const string Version = ${q(s.vendored)};

        public static string Normalize(string value)
        {
            ${normBody}
        }

        public static string Slug(string value)
        {
            return ${s.vendored.startsWith('2') ? 'string.Join("-", value.ToLowerInvariant().Split(new[] { \' \' }, StringSplitOptions.RemoveEmptyEntries))' : 'value.Trim().ToLowerInvariant().Replace(" ", "-")'};
        }
    }
}
`;
  const normCall = s.vendored ? `${C('vendor')}Lib.${C('vendor')}.Normalize` : `${C('util')}.${fn.norm}`;
  files[file('intake')] = `${head}    public static class ${C('intake')}
    {
        // @filler 2

        public static ${E} ${fn.prepare}(${E} item)
        {
${s.guard ? `            if (item.${S} == null)\n            {\n                item.${S} = new ${S} { ${L} = "unknown" };\n            }\n` : ''}            item.${K} = ${normCall}(item.${K});
            return item;
        }
    }
}
`;
  const label = s.label === 'name' ? 'item.Name' : `item.${S}.${L}`;
  const rate =
    s.rate === 'guarded'
      ? `${C('config')}.${table}.TryGetValue(item.${K}, out var found) ? found : 0.0`
      : `${C('config')}.${table}[item.${K}]`;
  files[file('service')] = `${head}    public static class ${C('service')}
    {
        // @filler 2

        public static string ${fn.describe}(${E} item)
        {
            string label = ${label};
            double rate = ${rate};
            long cents = long.Parse(item.${A}, CultureInfo.InvariantCulture);
            int pages = (item.${I}.Count + ${C('config')}.${batch} - 1) / ${C('config')}.${batch};
            var first = ${C('util')}.${fn.window}(item.${I}, item.${I}.Count);
            return string.Join(${q(s.sep)}, label, rate.ToString("F2", CultureInfo.InvariantCulture), cents.ToString(CultureInfo.InvariantCulture), pages.ToString(CultureInfo.InvariantCulture), string.Join(",", first));
        }

        public static List<string> Report(List<${E}> list)
        {
            var output = new List<string>();
            foreach (var x in list)
                output.Add(${fn.describe}(x));
            return output;
        }
    }
}
`;
  files['src/Program.cs'] = `using System;
using System.Collections.Generic;

namespace ${ns}
{
    public static class Program
    {
        public static void Main()
        {
            var ids = new[] { ${spec.ids.map(q).join(', ')} };
            var prepared = new List<${E}>();
            foreach (var id in ids)
                prepared.Add(${C('intake')}.${fn.prepare}(${C('store')}.${fn.find}(id)));
            foreach (var line in ${C('service')}.Report(prepared))
                Console.WriteLine(line);
        }
    }
}
`;
  return {
    files,
    main: 'app.exe',
    paths: Object.fromEntries(['store', 'config', 'codec', 'util', 'intake', 'service'].map((k) => [k, file(k)])),
  };
}
