// The parametric corpus generator (bench/lib/gen/): its line-diff edits reproduce the next
// rendering exactly, every template renders in every runtime with a real bug edit, metamorphic
// variants keep the seed, and one generated scenario per runtime installed here is built and
// crashed for real (node and python3 always; Go, Ruby, PHP, Mono and Rust when
// `node scripts/toolchains.mjs` or the bench has installed them).
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { importBenchModule as importModule } from '../../helpers/benchModule';
import { makeTempDir } from '../../helpers/gitRepo';

interface Def {
  name: string;
  runtime: string;
  lang: string;
  bugClass: string;
  generator: { template: string };
  range: Array<{ bug?: boolean; edit: Array<[string, string, string]>; msg: string }>;
  seedName?: string;
}
interface Built {
  traceFile: string;
  bugSha: string;
  rangeShas: string[];
}

describe('parametric corpus generator', function () {
  this.timeout(240_000);
  let gen: {
    editsBetween: (a: string, b: string) => Array<[string, string]>;
    generatedScenarios: () => Def[];
    transformed: (d: Def, t: string) => Def;
  };
  let defs: Def[];
  before(async () => {
    gen = (await importModule('bench/lib/gen/generate.mjs')) as typeof gen;
    defs = gen.generatedScenarios();
  });

  it('turns a line diff into edits that rebuild the new text (deletions, insertions, repeated lines)', () => {
    const before = ['a', 'x', '}', 'b', '}', 'c', 'keep', 'd'].join('\n');
    const after = ['a', '}', 'b', 'new', '}', 'c', 'keep', 'd', 'tail'].join('\n');
    let text = before;
    for (const [from, to] of gen.editsBetween(before, after)) {
      assert.equal(text.split(from).length - 1, 1, `'${from}' is unique`);
      text = text.replace(from, to);
    }
    assert.equal(text, after);
  });

  it('renders every template in every runtime, each with one bug commit that edits code', () => {
    const runtimes = new Set(defs.map((d) => d.runtime));
    assert.ok(runtimes.size >= 9, [...runtimes].join(', '));
    assert.ok(defs.length >= 230, String(defs.length));
    for (const d of defs) {
      const bugs = d.range.filter((s) => s.bug);
      assert.equal(bugs.length, 1, d.name);
      assert.ok(bugs[0].edit.length > 0, `${d.name}: the bug commit edits code`);
      assert.ok(d.range.length >= 3, `${d.name}: the bug comes with real changes to the same program`);
      assert.match(d.bugClass, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('keeps the original seed and bug class in metamorphic variants, and changes the code', () => {
    const d = defs.find((x) => x.runtime === 'py' && x.generator.template === 'window-bound');
    assert.ok(d);
    for (const t of ['renamed', 'reformatted', 'reordered']) {
      const v = gen.transformed(d, t);
      assert.equal(v.seedName, d.name);
      assert.equal(v.bugClass, d.bugClass);
      assert.notDeepEqual(v.range, d.range, t);
    }
  });

  it('builds and crashes one generated scenario per runtime installed here', async () => {
    const { buildScenario } = (await importModule('bench/lib/scenarioRepo.mjs')) as {
      buildScenario: (def: Def, dir: string) => Promise<Built>;
    };
    const { runtimeMissing } = (await importModule('bench/lib/runtimes.mjs')) as {
      runtimeMissing: (lang: string, opts: { install: boolean }) => string | null;
    };
    const dir = makeTempDir('culprit-gen-');
    try {
      const built: string[] = [];
      for (const runtime of [...new Set(defs.map((d) => d.runtime))]) {
        const d = defs.find((x) => x.runtime === runtime && x.generator.template === 'window-bound');
        assert.ok(d, runtime);
        if (runtimeMissing(d.lang, { install: false })) continue;
        const s = await buildScenario(d, path.join(dir, d.name));
        assert.ok(s.rangeShas.includes(s.bugSha), `${d.name}: the bug is in the deploy range`);
        assert.match(readFileSync(s.traceFile, 'utf8'), /index|bounds|undefined|nil|null|Index/, d.name);
        built.push(runtime);
      }
      for (const always of ['js-cjs', 'js-esm', 'ts-bundle', 'py']) assert.ok(built.includes(always), always);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
