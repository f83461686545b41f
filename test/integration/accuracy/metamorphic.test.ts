// Metamorphic checks of the suspect ranking on real programs crashed for real: renaming every identifier
// consistently, reformatting the code, or reordering the unrelated commits of the deploy range must not change
// where the bug commit ranks. Scenarios are generated (bench/lib/gen), from train-split bug classes only.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { runTriage } from '../../../src/core/triage/runTriage';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { importBenchModule as importModule } from '../../helpers/benchModule';
import { makeTempDir } from '../../helpers/gitRepo';

interface Def {
  name: string;
  runtime: string;
  bugClass: string;
  generator: { template: string };
}
interface Built {
  repo: string;
  traceFile: string;
  bugSha: string;
  deploy: string;
}

/** The bug commit's 1-based rank among the suspects of a built scenario (0: not listed). */
async function bugRank(s: Built): Promise<number> {
  const ws = await openTriageWorkspace({ dir: s.repo, trusted: true });
  const text = readFileSync(s.traceFile, 'utf8');
  const report = await runTriage(createFileSource(text, path.basename(s.traceFile)), ws, {
    limit: 1,
    suspectLimit: 20,
    blameFrames: 12,
    deployFlag: s.deploy,
  });
  return (report.issues[0]?.suspects.findIndex((x) => x.sha === s.bugSha) ?? -1) + 1;
}

describe('metamorphic ranking: renamed, reformatted and reordered programs rank the bug the same', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    dir = makeTempDir('culprit-meta-');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const runtime of ['js-cjs', 'py']) {
    it(`keeps the bug's rank under every transform (${runtime}, two train-split templates)`, async () => {
      const gen = (await importModule('bench/lib/gen/generate.mjs')) as {
        generatedScenarios: (runtimes?: string[]) => Def[];
        transformed: (d: Def, t: string) => Def | null;
        TRANSFORMS: string[];
      };
      const { splitOf } = (await importModule('bench/lib/split.mjs')) as { splitOf: (c: string) => string };
      const { buildScenario } = (await importModule('bench/lib/scenarioRepo.mjs')) as {
        buildScenario: (def: Def, dir: string) => Promise<Built>;
      };
      const picked = gen.generatedScenarios([runtime]).filter((d) => splitOf(d.bugClass) === 'train');
      // Two templates of different classes: spread, but the same ones on every run.
      const seeds = [picked[0], picked.find((d) => d.bugClass !== picked[0].bugClass)].filter(Boolean) as Def[];
      assert.equal(seeds.length, 2, `train-split templates for ${runtime}`);
      for (const seed of seeds) {
        const base = await bugRank(await buildScenario(seed, path.join(dir, seed.name)));
        assert.ok(base > 0, `${seed.name}: the bug commit is a suspect`);
        for (const t of gen.TRANSFORMS) {
          const form = gen.transformed(seed, t);
          assert.ok(form, `${seed.name} ${t}`);
          const rank = await bugRank(await buildScenario(form, path.join(dir, `${seed.name}-${t}`)));
          assert.equal(rank, base, `${seed.name} ${t}: the bug ranks #${rank}, #${base} before the transform`);
        }
      }
    });
  }
});
