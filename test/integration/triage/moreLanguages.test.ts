// Real crashes from Rust, Go, Ruby and PHP: each recipe (test/fixtures/stacks/scenarios/<name>.json) is a
// small history with decoys touching the crashing file, a bug commit, the deployed tag v1.1.0 and
// a post-deploy commit that moves the crashing line. scripts/fixtures/crashes/scenarios.mjs
// checked v1.1.0 out, built and ran it with the real toolchain and saved what it printed; here the
// same history is rebuilt (so the paths and lines of the saved crash match) and the built CLI triages it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ALICE, BOB, CAROL, DAN, createTempRepo, type TempRepo, type TestAuthor } from '../../helpers/gitRepo';

const cli = path.resolve(__dirname, '../../../dist/cli.js');
const stacks = path.resolve(__dirname, '../../fixtures/stacks');
const AUTHORS: Record<string, TestAuthor> = { ALICE, BOB, CAROL, DAN };

interface Recipe {
  name: string;
  files: Record<string, string>;
  commits: Array<{
    author: string;
    message: string;
    edits: Array<[string, string, string]>;
    bug?: boolean;
    tag?: string;
  }>;
  deploy: string[];
  expect: { file: string; line: number; localLine: number; function: string };
}

function replay(repo: TempRepo, recipe: Recipe): string {
  for (const [file, text] of Object.entries(recipe.files)) repo.write(file, text);
  repo.commit('Initial service', { author: ALICE, date: '2026-03-01T10:00:00Z' });
  repo.tag('v1.0.0', { message: 'release v1.0.0' });
  let bug = '';
  recipe.commits.forEach((c, i) => {
    for (const [file, from, to] of c.edits) {
      const text = repo.read(file);
      assert.ok(text.includes(from), `${file} lacks ${from}`);
      repo.write(file, text.replace(from, to));
    }
    const sha = repo.commit(c.message, { author: AUTHORS[c.author], date: `2026-03-0${2 + i}T10:00:00Z` });
    if (c.bug) bug = sha;
    if (c.tag) repo.tag(c.tag, { message: `release ${c.tag}` });
  });
  assert.ok(bug, 'the recipe marks a bug commit');
  return bug;
}

const names = readdirSync(path.join(stacks, 'scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));

describe('culprit triage on real Rust, Go, Ruby and PHP crashes', function () {
  this.timeout(30_000);
  it('has a recipe and a crash for Rust, Go, Ruby and PHP', () =>
    assert.deepEqual(
      ['go', 'php', 'ruby', 'rust'].filter((n) => !names.includes(n)),
      [],
    ));
  for (const name of names) {
    const recipe = JSON.parse(readFileSync(path.join(stacks, 'scenarios', `${name}.json`), 'utf8')) as Recipe;
    it(`${recipe.name}: the crashing file and line, followed past the deploy, bug commit first`, () => {
      const repo = createTempRepo();
      try {
        const bug = replay(repo, recipe);
        const traceFile = path.join(stacks, `scenario-${name}.txt`);
        const r = spawnSync(
          process.execPath,
          [cli, 'triage', '--event', traceFile, '--repo', repo.dir, ...recipe.deploy, '--json'],
          { encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stderr);
        const issue = JSON.parse(r.stdout).issues[0];
        const trace = readFileSync(traceFile, 'utf8');
        assert.equal(issue.deploy.to, repo.sha('v1.1.0'), trace);
        assert.equal(issue.deploy.from, repo.sha('v1.0.0'));
        const top = issue.frames[0];
        assert.deepEqual(
          { file: top.file, line: top.line, localLine: top.localLine, function: top.function },
          recipe.expect,
          JSON.stringify(issue.frames, null, 1),
        );
        assert.equal(issue.suspects[0].sha, bug, JSON.stringify(issue.suspects, null, 1));
        for (const f of issue.frames) if (f.file) assert.ok(!f.file.startsWith('/') && !f.file.includes('..'), f.file);
      } finally {
        repo.cleanup();
      }
    });
  }
});
