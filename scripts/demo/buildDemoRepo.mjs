// Builds the demo repository from demoHistory.mjs with real git (authors, dates, tags).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AUTHORS, STEPS } from './demoHistory.mjs';

function git(cwd, args, env = {}) {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
}

function applyEdit(root, file, pairs) {
  const p = path.join(root, file);
  let text = readFileSync(p, 'utf8');
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`demo history: '${from.slice(0, 40)}' not found in ${file}`);
    text = text.replace(from, to);
  }
  writeFileSync(p, text);
}

/**
 * Creates `dir` anew as a git repository with the demo history.
 * @returns {{ root: string, commits: Array<{ sha: string, message: string }> }}
 */
export function buildDemoRepo(dir, steps = STEPS) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Culprit Demo']);
  git(dir, ['config', 'user.email', 'demo@culprit.invalid']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  const commits = [];
  for (const step of steps) {
    for (const [file, text] of Object.entries(step.files ?? {})) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    for (const [file, pairs] of Object.entries(step.edit ?? {})) applyEdit(dir, file, pairs);
    if (step.uncommitted) continue;
    const [name, email] = AUTHORS[step.author];
    const env = {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: step.date,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: step.date,
    };
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', step.message], env);
    const sha = git(dir, ['rev-parse', 'HEAD']);
    commits.push({ sha, message: step.message });
    if (step.tag) git(dir, ['tag', '-a', step.tag, '-m', `Deploy ${step.tag}`], env);
  }
  return { root: dir, commits };
}
