/**
 * The fault matrix through the built CLI (`dist/cli.js triage --sentry/--datadog … --json`, run
 * `npm run build` first): a whole-source fault exits 1 with the specific message on stderr; a
 * fault on one issue keeps the other issues in the JSON report with the failure in `errors`.
 * Every run sets the canary secrets and asserts they appear in neither stdout nor stderr, with
 * `-v` request logging on. All runs start at once in `before` (they are independent processes).
 */
import assert from 'node:assert/strict';
import { runTriageCli, type CliResult } from '../../helpers/demoScenario';
import { createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import type { TriageReport } from '../../../src/core/model/triage.types';
import { CANARIES, FAULTS, RIGS, type Fault, type Rig, type Stand } from './faultRigs';

interface Run {
  rig: Rig;
  name: string;
  result?: CliResult;
  stand?: Stand;
}

/** Rows runnable with the CLI's production timings (the 30 s timeout and 64 MB cap are not flags). */
const CLI_LIST_FAULTS = FAULTS.filter((f) => !f.http);
const ITEM_FAULTS: Array<{ name: string; fault: Fault; message: RegExp }> = [
  { name: 'truncated JSON', fault: { body: 'truncated' }, message: /returned truncated JSON/ },
  { name: 'an HTML page', fault: { status: 200, body: 'html' }, message: /HTML page instead of JSON/ },
  { name: '500', fault: { status: 500 }, message: /had a server error \(500\)/ },
  { name: 'a connection reset mid-body', fault: { body: 'reset' }, message: /could not reach/ },
];

describe('fault matrix through the CLI', function () {
  // ~20 CLI processes start at once: on a loaded 2-core machine that takes minutes, not seconds.
  this.timeout(300_000);
  let repo: TempRepo;
  // An explicit range: the stand-ins' release names are not tags of this small repo.
  let deploy = '';
  const runs = new Map<string, Run>();
  const key = (rig: Rig, name: string): string => `${rig.name}: ${name}`;

  before(async () => {
    repo = createTempRepo();
    repo.write('src/app.js', 'module.exports = () => 1;\n');
    const first = repo.commit('init');
    repo.write('src/app.js', 'module.exports = () => 2;\n');
    deploy = `${first}..${repo.commit('change')}`;
    const jobs: Array<Promise<void>> = [];
    const launch = (rig: Rig, name: string, setup: (s: Stand) => void, latencyMs?: number): void => {
      const run: Run = { rig, name };
      runs.set(key(rig, name), run);
      jobs.push(
        (async () => {
          run.stand = await rig.start({ latencyMs });
          setup(run.stand);
          const { args, env } = rig.cli(run.stand.url);
          run.result = await runTriageCli([...args, '--repo', repo.dir, '--deploy', deploy, '--json', '-v'], env);
        })(),
      );
    };
    for (const rig of RIGS) {
      for (const f of CLI_LIST_FAULTS) launch(rig, `list ${f.name}`, (s) => s.fault(rig.listRoute, f.fault(rig)));
      for (const f of ITEM_FAULTS)
        launch(rig, `item ${f.name}`, (s) => s.fault(rig.itemRoute, { ...f.fault, issueId: rig.ids[1] }));
      launch(rig, 'slow server', () => undefined, 150);
    }
    await Promise.all(jobs);
  });
  after(async () => {
    await Promise.all([...runs.values()].map((r) => r.stand?.close()));
    repo?.cleanup();
  });

  const get = (rig: Rig, name: string): Required<Run> => {
    const r = runs.get(key(rig, name));
    assert.ok(r?.result && r.stand, `run ${name} did not happen`);
    return r as Required<Run>;
  };
  const noSecrets = (r: CliResult): void => {
    for (const c of CANARIES) {
      assert.ok(!r.stdout.includes(c), `secret on stdout: ${c}`);
      assert.ok(!r.stderr.includes(c), `secret on stderr: ${c}`);
    }
  };

  for (const rig of RIGS) {
    describe(rig.name, () => {
      for (const f of CLI_LIST_FAULTS) {
        it(`issue list: ${f.name} → exit 1, the specific message on stderr, no storm, no secret`, () => {
          const { result: r, stand } = get(rig, `list ${f.name}`);
          noSecrets(r);
          assert.equal(r.code, 1, r.stderr);
          const last = r.stderr.trim().split('\n').pop() ?? '';
          assert.match(last, /^culprit: /);
          assert.match(last, f.message(rig));
          assert.equal(r.stdout, '', 'no report on a whole-source failure');
          // The CLI retries 3 times on retryable faults (production setting), never more.
          const max = f.maxRequests === 3 ? 4 : f.maxRequests;
          assert.ok(stand.count(rig.listRoute) <= max, `${stand.count(rig.listRoute)} list requests`);
        });
      }

      for (const f of ITEM_FAULTS) {
        it(`one issue's event: ${f.name} → exit 0, the other issues in the JSON, the failure in errors`, () => {
          const { result: r, stand } = get(rig, `item ${f.name}`);
          noSecrets(r);
          assert.equal(r.code, 0, r.stderr);
          const report = JSON.parse(r.stdout) as TriageReport;
          // Datadog searches several issues at once; a failed batch is searched issue by issue.
          assert.deepEqual(
            report.issues.map((i) => i.id),
            rig.ids.filter((id) => id !== rig.ids[1]),
          );
          assert.equal(report.errors.length, 1);
          assert.equal(report.errors[0].issueId, rig.ids[1]);
          assert.match(report.errors[0].message, f.message);
          const most = rig.cliItemRequests === 'one-batch' ? 4 + 3 + 4 : 2 + 4;
          assert.ok(stand.count(rig.itemRoute) <= most, `${stand.count(rig.itemRoute)} event requests`);
        });
      }

      it('a slow server: every issue in the JSON, one request each', () => {
        const { result: r, stand } = get(rig, 'slow server');
        noSecrets(r);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /\d+ms/, '-v logged the requests');
        assert.deepEqual(
          (JSON.parse(r.stdout) as TriageReport).issues.map((i) => i.id),
          rig.ids,
        );
        assert.equal(stand.count(rig.listRoute), 1);
        assert.equal(stand.count(rig.itemRoute), rig.cliItemRequests === 'one-batch' ? 1 : 3);
      });
    });
  }
});
