// The test suite's real crashes as the fit's veto set (scripts/fit/weightFit.mjs): each one a program
// run for real with its own toolchain, whose culprit the tests require ranked first. Rebuilt here the
// way the tests build them and triaged by the core the CLI runs, read back through the ranker's probe
// like the corpus (corpusFeatures.mjs), with the same triage settings:
// - test/fixtures/stacks/scenarios/<name>.json (Go, PHP, Ruby, Rust): the recipe's history replayed with
//   git as test/integration/triage/moreLanguages.test.ts does, the saved crash scenario-<name>.txt;
// - the bench's 30-frame trace scenario (bench/fixtures/traceRepo.mjs), crashed for real by Node;
// - the bundled sample (media/sample/node-crash.txt on its repository media/sample/sample-repo.bundle),
//   its range guessed from the tags as the walkthrough's triage does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTraceScenario } from '../../bench/fixtures/traceRepo.mjs';
import { SETTINGS } from './corpusFeatures.mjs';

/** The test helpers' authors (test/helpers/gitRepo.ts). */
const AUTHORS = {
  ALICE: ['Alice Ng', 'alice@example.com'],
  BOB: ['Bob Ödegaard', 'bob@example.com'],
  CAROL: ['Carol Diaz', 'carol@example.com'],
  DAN: ['Dan Wu', 'dan@example.com'],
};

/** git isolated from the user's and the system's configuration, like the test helpers' repositories. */
function gitIn(dir, home) {
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
  for (const k of Object.keys(env)) if (/^GIT_/i.test(k)) delete env[k];
  Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', TZ: 'UTC' });
  return (args, extra = {}) =>
    execFileSync('git', args, { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', stdio: 'pipe' }).trim();
}

function identity([name, email], date) {
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  };
}

/** A recipe's history, as moreLanguages.test.ts replays it: the bug commit's SHA. */
function replay(dir, home, recipe) {
  mkdirSync(dir, { recursive: true });
  const git = gitIn(dir, home);
  git(['init', '-q']);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const commit = (message, who, date) => {
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], identity(who, date));
    return git(['rev-parse', 'HEAD']);
  };
  const tag = (name, date) => git(['tag', '-a', '-m', `release ${name}`, name], identity(AUTHORS.ALICE, date));
  for (const [file, text] of Object.entries(recipe.files)) write(file, text);
  commit('Initial service', AUTHORS.ALICE, '2026-03-01T10:00:00Z');
  tag('v1.0.0', '2026-03-01T10:00:00Z');
  let bug = null;
  recipe.commits.forEach((c, i) => {
    for (const [file, from, to] of c.edits) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      if (!text.includes(from)) throw new Error(`${recipe.name}: ${file} lacks ${from}`);
      write(file, text.replace(from, to));
    }
    const date = `2026-03-0${2 + i}T10:00:00Z`;
    const sha = commit(c.message, AUTHORS[c.author], date);
    if (c.bug) bug = sha;
    if (c.tag) tag(c.tag, date);
  });
  return bug;
}

/** Each real crash built: { name, repo, traceFile, deploy (a flag or undefined: guessed), bugSha }. */
function buildCrashes(repoRoot, work) {
  const stacks = path.join(repoRoot, 'test/fixtures/stacks');
  const home = path.join(work, 'home');
  mkdirSync(home, { recursive: true });
  const out = [];
  for (const f of readdirSync(path.join(stacks, 'scenarios'))
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const name = f.slice(0, -5);
    const recipe = JSON.parse(readFileSync(path.join(stacks, 'scenarios', f), 'utf8'));
    const repo = path.join(work, name);
    const bugSha = replay(repo, home, recipe);
    const at = recipe.deploy.indexOf('--deploy');
    const deploy = at >= 0 ? recipe.deploy[at + 1] : undefined;
    out.push({ name: `scenario ${name}`, repo, traceFile: path.join(stacks, `scenario-${name}.txt`), deploy, bugSha });
  }
  const trace = buildTraceScenario(path.join(work, 'trace'), path.join(work, 'trace-app'));
  out.push({ name: '30-frame trace', ...trace, bugSha: trace.bugCommit });
  const sample = path.join(work, 'sample');
  const git = gitIn(work, home);
  git(['clone', '--quiet', '--', path.join(repoRoot, 'media/sample/sample-repo.bundle'), sample]);
  const subject = 'Prices carry their amount and currency';
  const bugSha = gitIn(sample, home)(['log', '--all', '--format=%H', `--grep=^${subject}$`]).split('\n')[0];
  out.push({
    name: 'bundled sample',
    repo: sample,
    traceFile: path.join(repoRoot, 'media/sample/node-crash.txt'),
    bugSha,
  });
  return out;
}

/**
 * One entry per real crash, shaped like corpusFeatures' (split "crash"): { name, split, rows, bug, featureNames }.
 * `core`: the core bundle to triage with.
 */
export async function realCrashFeatures(repoRoot, core, log = () => {}) {
  const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'culprit-fit-crashes-')));
  try {
    const out = [];
    for (const c of buildCrashes(repoRoot, work)) {
      const ws = await core.openTriageWorkspace({ dir: c.repo, trusted: true });
      let rows = null;
      let names = null;
      const text = readFileSync(c.traceFile, 'utf8');
      await core.runTriage(core.createFileSource(text, path.basename(c.traceFile)), ws, {
        ...SETTINGS,
        deployFlag: c.deploy,
        rankProbe: (r, n) => {
          rows ??= r;
          names ??= n;
        },
      });
      rows ??= [];
      const bug = rows.findIndex((r) => r.sha === c.bugSha);
      if (bug < 0) throw new Error(`real crash ${c.name}: its culprit is not in the ranked range`);
      out.push({ name: c.name, split: 'crash', bugClass: c.name, rows, bug, featureNames: names ?? [] });
    }
    log(`  ${out.length} real crashes of the test suite triaged (the fit's veto)`);
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
