// Three scenarios of the accuracy corpus (bench/scenarios/), one per runtime, generated for real
// (history, deploy tags, the deployed tag run until it crashes) and triaged through the core:
// the bug-introducing commit must rank first.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { runTriage } from '../../../src/core/triage/runTriage';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { makeTempDir } from '../../helpers/gitRepo';

const bench = path.resolve(__dirname, '../../../bench');
const PICKS = [
  ['postDeployMove', 'js-post-deploy-rewrite'],
  ['postDeployMove', 'py-post-deploy-edit-and-move'],
  ['sameFunction', 'java-same-function-decoys'],
];

interface Built {
  name: string;
  repo: string;
  traceFile: string;
  deploy: string;
  bugSha: string;
  rangeShas: string[];
}

// A path in a variable keeps the ES module import as is (bench/ is plain JavaScript).
const importModule = (file: string): Promise<Record<string, unknown>> => import(pathToFileURL(file).href);

describe('accuracy corpus: real scenarios, bug commit first', function () {
  this.timeout(60_000);
  let root: string;
  before(() => (root = makeTempDir('culprit-accuracy-')));
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const [family, name] of PICKS) {
    it(`${name}: ranks the bug-introducing commit first`, async () => {
      const { scenarios } = (await importModule(path.join(bench, 'scenarios', `${family}.mjs`))) as {
        scenarios: Array<{ name: string }>;
      };
      const { buildScenario } = (await importModule(path.join(bench, 'lib/scenarioRepo.mjs'))) as {
        buildScenario: (def: unknown, dir: string) => Promise<Built>;
      };
      const def = scenarios.find((s) => s.name === name);
      assert.ok(def, `${name} is not in bench/scenarios/${family}.mjs`);
      const s = await buildScenario(def, path.join(root, name));
      assert.ok(
        s.rangeShas.length >= 5 && s.rangeShas.includes(s.bugSha),
        'the bug is one of at least 5 commits in the deploy range',
      );
      const ws = await openTriageWorkspace({ dir: s.repo, trusted: true });
      const report = await runTriage(
        createFileSource(readFileSync(s.traceFile, 'utf8'), path.basename(s.traceFile)),
        ws,
        { limit: 1, deployFlag: s.deploy, suspectLimit: 10, blameFrames: 12 },
      );
      const issue = report.issues[0];
      assert.ok(issue, JSON.stringify(report.errors));
      assert.equal(
        issue.suspects[0]?.sha,
        s.bugSha,
        JSON.stringify(
          issue.suspects.map((x) => [x.summary, x.score, x.reasons[0]]),
          null,
          1,
        ),
      );
    });
  }
});
