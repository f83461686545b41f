// Realistic decoy commits that widen a scenario's deploy range to ~10, ~100 or ~1,000 commits:
// docs, tests, dependency and lockfile bumps, CI changes, formatting sweeps, comment-only edits,
// helper refactors, release notes, feature branches with merges, and small real fixes in the same
// files (the bug's files included). Each decoy is planned as a step (`decoy: kind`) and applied to
// the files as they are at that point in history, so it always applies; none changes what the
// program does on the crashing path. Messages are drawn from the same vocabulary as real commits
// (file and module names, and now and then the error's words) so a message never gives the bug away.
import path from 'node:path';

/** Per language: comment leader, test file naming, dependency manifest. */
const LANG = {
  js: { comment: '//', test: (m) => `test/${m}.test.js`, manifest: 'package.json' },
  esm: { comment: '//', test: (m) => `test/${m}.test.mjs`, manifest: 'package.json' },
  py: { comment: '#', test: (m) => `tests/test_${m}.py`, manifest: 'requirements.txt' },
  java: { comment: '//', test: (m) => `src/test/java/${cap(m)}Checks.java`, manifest: 'pom.xml' },
  go: { comment: '//', test: (m) => `${m}_test.go`, manifest: 'Dockerfile' },
  ruby: { comment: '#', test: (m) => `spec/${m}_spec.rb`, manifest: 'Gemfile.lock' },
  php: { comment: '//', test: (m) => `tests/${cap(m)}Test.php`, manifest: 'composer.json' },
  cs: { comment: '//', test: (m) => `tests/${cap(m)}Tests.cs`, manifest: 'packages.config' },
  rust: { comment: '//', test: (m) => `tests/${m}.rs`, manifest: 'Cargo.toml' },
};
const LIBS = ['lodash', 'dayjs', 'pino', 'zod', 'yaml', 'uuid', 'ajv', 'semver', 'chalk', 'undici'];
const VERBS = ['Tidy', 'Clarify', 'Document', 'Simplify', 'Polish', 'Reword', 'Update', 'Expand'];
const FIX_WORDS = ['rounding', 'totals', 'thresholds', 'weights', 'factors', 'limits', 'scaling'];
const ERRORISH = ['null', 'missing', 'undefined', 'None', 'nil', 'crash', 'error', 'fallback', 'guard'];
const CI_EDITS = [
  ['node-version: 20', 'node-version: 22'],
  ['node-version: 22', 'node-version: 20'],
  ['timeout-minutes: 15', 'timeout-minutes: 20'],
  ['timeout-minutes: 20', 'timeout-minutes: 15'],
  ['runs-on: ubuntu-22.04', 'runs-on: ubuntu-24.04'],
  ['runs-on: ubuntu-24.04', 'runs-on: ubuntu-22.04'],
];
const CI_FILE = '.github/workflows/ci.yml';
const CI_TEXT =
  'name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-22.04\n    timeout-minutes: 15\n' +
  '    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n' +
  '          node-version: 20\n      - run: make test\n';

function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/[^A-Za-z0-9]/g, '');
}
const pick = (list, rnd) => list[Math.floor(rnd() * list.length)];
const moduleOf = (file) => path.basename(file).replace(/\.[^.]+$/, '');
const isCode = (file) => /\.(js|mjs|cjs|ts|py|java|go|rb|php|cs|rs)$/.test(file) && !/(^|\/)(tests?|spec)\//.test(file);

/** An identifier that appears in a code file (for tests and docs that mention real names). */
function identifierIn(text, rnd) {
  const names = [...new Set(text.match(/\b[a-z][A-Za-z0-9_]{4,}\b/g) ?? [])].filter(
    (n) => !/^(return|function|const|while|class|print|import|static|public|private|string|double)$/.test(n),
  );
  return names.length ? pick(names, rnd) : 'value';
}

/** One dependency's version bumped (patch or minor); the text and the library's name. */
function bumpDependency(text, rnd) {
  const lines = text.split('\n');
  const versioned = lines.map((l, i) => (/\d+\.\d+\.\d+/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (versioned.length === 0) return null;
  const known = versioned.filter((i) => LIBS.some((lib) => lines[i].includes(lib)));
  const at = pick(known.length ? known : versioned, rnd);
  lines[at] = lines[at].replace(/(\d+)\.(\d+)\.(\d+)/, (_m, a, b, c) =>
    rnd() < 0.7 ? `${a}.${b}.${Number(c) + 1}` : `${a}.${Number(b) + 1}.0`,
  );
  const lib = LIBS.find((l) => lines[at].includes(l)) ?? /[\w@/-]{3,}/.exec(lines[at].replace(/version/i, ''))?.[0];
  return { text: lines.join('\n'), lib: lib ?? 'dependencies' };
}

function manifestText(lang, rnd) {
  const libs = [...LIBS].sort(() => rnd() - 0.5).slice(0, 4);
  const v = () => `${1 + Math.floor(rnd() * 5)}.${Math.floor(rnd() * 12)}.${Math.floor(rnd() * 9)}`;
  switch (lang) {
    case 'py':
      return libs.map((l) => `${l}==${v()}`).join('\n') + '\n';
    case 'java':
      return `<project>\n  <dependencies>\n${libs.map((l) => `    <dependency><artifactId>${l}</artifactId><version>${v()}</version></dependency>`).join('\n')}\n  </dependencies>\n</project>\n`;
    case 'go':
      return `FROM golang:1.${19 + Math.floor(rnd() * 4)}.${Math.floor(rnd() * 9)}-bookworm\nWORKDIR /app\nCOPY . .\nRUN go build -o /srv/app .\n`;
    case 'ruby':
      return `GEM\n  remote: https://rubygems.org/\n  specs:\n${libs.map((l) => `    ${l} (${v()})`).join('\n')}\n`;
    case 'rust':
      return `[package]\nname = "service"\nversion = "0.1.0"\n\n[dependencies]\n${libs.map((l) => `${l} = "${v()}"`).join('\n')}\n`;
    case 'cs':
      return `<packages>\n${libs.map((l) => `  <package id="${cap(l)}" version="${v()}" />`).join('\n')}\n</packages>\n`;
    default:
      return `{\n  "name": "service",\n  "private": true,\n  "dependencies": {\n${libs.map((l) => `    "${l}": "^${v()}"`).join(',\n')}\n  }\n}\n`;
  }
}

const done = (written, msg, removed = []) => ({ written: new Set(written), removed: new Set(removed), msg });

const KINDS = {
  docs(files, ctx, rnd) {
    const code = ctx.codeFiles(files);
    const file = code.length ? pick(code, rnd) : 'README.md';
    const doc = rnd() < 0.5 ? 'README.md' : `docs/${moduleOf(file)}.md`;
    const name = identifierIn(files.get(file) ?? '', rnd);
    const text = files.get(doc) ?? `# ${cap(moduleOf(doc))}\n`;
    files.set(
      doc,
      `${text}\n${pick(VERBS, rnd)}: \`${name}\` in ${file} ${pick(['handles', 'expects', 'returns'], rnd)} ${pick(ERRORISH, rnd)} values as described in the runbook.\n`,
    );
    return done([doc], `Docs: ${pick(VERBS, rnd).toLowerCase()} the ${moduleOf(file)} notes`);
  },
  tests(files, ctx, rnd) {
    const code = ctx.codeFiles(files);
    if (!code.length) return KINDS.docs(files, ctx, rnd);
    const file = pick(code, rnd);
    const mod = moduleOf(file);
    const test = LANG[ctx.lang].test(mod);
    const name = identifierIn(files.get(file), rnd);
    const c = LANG[ctx.lang].comment;
    const line =
      ctx.lang === 'java'
        ? `    static String case${(files.get(test) ?? '').split('\n').length}() { return "${name} keeps ${pick(ERRORISH, rnd)} out"; }`
        : `${c} case: ${name} with ${pick(ERRORISH, rnd)} input returns a value`;
    const base =
      files.get(test) ??
      (ctx.lang === 'java'
        ? `class ${cap(mod)}Checks {\n}\n`
        : ctx.lang === 'go'
          ? `package main\n\n${c} tests for ${file}\n`
          : `${c} tests for ${file}\n`);
    files.set(test, ctx.lang === 'java' ? base.replace(/\n}\n$/, `\n${line}\n}\n`) : `${base}${line}\n`);
    return done(
      [test],
      `Tests: cover ${name} ${pick(['edge cases', 'empty input', 'the ' + pick(ERRORISH, rnd) + ' case', 'regressions'], rnd)}`,
    );
  },
  deps(files, ctx, rnd) {
    const file = LANG[ctx.lang].manifest;
    if (ctx.lang === 'go') {
      const text = files.get(file) ?? manifestText('go', rnd);
      const next = text.replace(/golang:1\.(\d+)\.(\d+)/, (_m, a, b) => `golang:1.${a}.${Number(b) + 1}`);
      files.set(file, next);
      return done([file], `Bump the Go base image to ${/golang:([\d.]+)/.exec(next)[1]}`);
    }
    const bumped = bumpDependency(files.get(file) ?? manifestText(ctx.lang, rnd), rnd);
    if (!bumped) return KINDS.lockfile(files, ctx, rnd);
    const { text, lib } = bumped;
    files.set(file, text);
    return done([file], `${pick(['Bump', 'chore(deps): bump', 'Update', 'Upgrade'], rnd)} ${lib}`);
  },
  lockfile(files, ctx, rnd) {
    const file =
      ctx.lang === 'py'
        ? 'poetry.lock'
        : ctx.lang === 'rust'
          ? 'Cargo.lock'
          : ctx.lang === 'go'
            ? 'go.sum'
            : 'package-lock.json';
    const rows = (files.get(file) ?? '').split('\n').filter(Boolean);
    const n = rows.length ? rows.length : 40 + Math.floor(rnd() * 60);
    const out = [];
    for (let i = 0; i < n; i++) out.push(`${pick(LIBS, rnd)}-${i} ${Math.floor(rnd() * 1e9).toString(16)}`);
    files.set(file, out.join('\n') + '\n');
    return done([file], pick(['Refresh the lockfile', 'chore: regenerate lockfile', 'Lockfile maintenance'], rnd));
  },
  ci(files, _ctx, rnd) {
    const text = files.get(CI_FILE) ?? CI_TEXT;
    const edits = CI_EDITS.filter(([from]) => text.includes(from));
    const [from, to] = pick(edits, rnd);
    files.set(CI_FILE, text.replace(from, to));
    return done([CI_FILE], `CI: ${pick(['run on', 'move to', 'pin'], rnd)} ${to.split(': ')[1]}`);
  },
  format(files, ctx, rnd) {
    const code = ctx.codeFiles(files);
    if (!code.length) return KINDS.docs(files, ctx, rnd);
    const file = pick(code, rnd);
    const lines = files.get(file).split('\n');
    const out = [];
    // A blank line before (or, once there, not before) each top-level definition; never between
    // an annotation or decorator and what it decorates.
    const add = rnd() < 0.6;
    for (let i = 0; i < lines.length; i++) {
      const top = /^(function |def |func |fn |pub fn |class |module |async function |export )/.test(lines[i]);
      const prev = out[out.length - 1];
      if (top && add && prev !== undefined && prev.trim() !== '' && !/^\s*@/.test(prev)) out.push('');
      if (top && !add && prev === '' && out[out.length - 2] === '') out.pop();
      out.push(lines[i]);
    }
    if (out.join('\n') === files.get(file)) out.push('');
    files.set(file, out.join('\n'));
    return done([file], `${pick(['Format', 'Style:', 'Lint:', 'Apply formatter to'], rnd)} ${moduleOf(file)}`);
  },
  comment(files, ctx, rnd) {
    const code = ctx.codeFiles(files);
    if (!code.length) return KINDS.docs(files, ctx, rnd);
    const file = pick(code, rnd);
    const lines = files.get(file).split('\n');
    const tops = lines
      .map((l, i) => (/^(function |def |func |fn |class |module |public |static )/.test(l) ? i : -1))
      .filter((i) => i > 0 && !/^\s*@/.test(lines[i - 1]));
    if (!tops.length) return KINDS.docs(files, ctx, rnd);
    const at = pick(tops, rnd);
    const name = identifierIn(lines[at], rnd);
    lines.splice(
      at,
      0,
      `${LANG[ctx.lang].comment} ${name}: ${pick(['kept for the v1 clients', 'see the runbook', 'callers may pass ' + pick(ERRORISH, rnd), 'hot path, keep it cheap'], rnd)}`,
    );
    files.set(file, lines.join('\n'));
    return done([file], `${pick(['Comment', 'Explain', 'Note'], rnd)} ${name}`);
  },
  fix(files, ctx, rnd) {
    const file = ctx.tweak(files, ctx.hot, rnd);
    if (!file) return KINDS.tests(files, ctx, rnd);
    return done(
      [file],
      `${pick(['Fix', 'Correct', 'Adjust', 'Tune'], rnd)} ${moduleOf(file)} ${pick(FIX_WORDS, rnd)}${rnd() < 0.2 ? ` (${pick(ERRORISH, rnd)} report)` : ''}`,
    );
  },
  refactor(files, ctx, rnd) {
    const code = ctx.codeFiles(files).filter((f) => /Helper\d+\b|_helper_\d+\b/.test(files.get(f)));
    if (!code.length) return KINDS.comment(files, ctx, rnd);
    const file = pick(code, rnd);
    const text = files.get(file);
    const names = [...new Set(text.match(/\b\w+(?:Helper|_helper_)\d+\b/g))];
    const from = pick(names, rnd);
    const to = `${from}${pick(['Sum', 'Total', 'Score', 'Weighted'], rnd)}`;
    files.set(file, text.replace(new RegExp(`\\b${from}\\b`, 'g'), to));
    return done([file], `Refactor: rename ${from} to ${to}`);
  },
  release(files, _ctx, rnd) {
    const text = files.get('CHANGELOG.md') ?? '# Changelog\n';
    const n = text.split('\n## ').length;
    files.set(
      'CHANGELOG.md',
      text.replace('# Changelog\n', `# Changelog\n\n## 1.4.${n}\n\n- ${pick(VERBS, rnd)} ${pick(FIX_WORDS, rnd)}\n`),
    );
    return done(['CHANGELOG.md'], `Changelog for 1.4.${n}`);
  },
};

/** Relative frequency of each decoy kind in a widened range. */
const MIX = [
  ['fix', 5],
  ['tests', 4],
  ['docs', 3],
  ['deps', 2],
  ['format', 1],
  ['comment', 2],
  ['refactor', 2],
  ['ci', 1],
  ['lockfile', 1],
  ['release', 1],
];
const TOTAL = MIX.reduce((s, [, w]) => s + w, 0);

function kindOf(rnd) {
  let x = rnd() * TOTAL;
  for (const [k, w] of MIX) if ((x -= w) < 0) return k;
  return 'fix';
}

/**
 * Decoy steps that bring a range of `have` commits to about `width`, with one feature branch
 * (two or three decoys and a merge commit) per ~25 commits.
 */
export function decoySteps(have, width, rnd) {
  const steps = [];
  let n = 0;
  let branchNo = 0;
  while (have + steps.length < width) {
    if (width - have - steps.length > 4 && rnd() < 0.04 * 3) {
      const branch = `decoy-feature-${++branchNo}`;
      for (let i = 0, k = 2 + Math.floor(rnd() * 2); i < k; i++)
        steps.push({ msg: '', decoy: rnd() < 0.5 ? 'tests' : 'docs', branch, branchOnly: true });
      steps.push({
        msg: `Merge pull request #${100 + branchNo * 7 + (n++ % 5)} from acme/${branch.slice(6)}`,
        merge: branch,
      });
    } else steps.push({ msg: '', decoy: kindOf(rnd) });
  }
  return steps;
}

const count = (text, part) => (text ?? '').split(part).length - 1;

/** Whether the edits still to come (`later` steps) find their text as often as before. */
function keepsLaterEdits(before, files, written, later) {
  for (const step of later)
    for (const [file, from] of [...(step.edit ?? []), ...(step.replaceAll ?? [])])
      if (written.has(file) && count(before.get(file), from) !== count(files.get(file), from)) return false;
  return true;
}

/**
 * Applies a planned decoy step to the current files; the commit's paths and message. A decoy that
 * would change text a later scripted edit looks for is undone and replaced by a safer kind.
 */
export function applyDecoy(files, step, ctx, rnd) {
  const full = { ...ctx, codeFiles: (f) => [...f.keys()].filter(isCode).sort() };
  for (const kind of [step.decoy, 'tests', 'docs', 'release']) {
    const before = new Map(files);
    const change = KINDS[kind](files, full, rnd);
    if (keepsLaterEdits(before, files, change.written, ctx.later ?? [])) return change;
    for (const f of change.written) {
      if (before.has(f)) files.set(f, before.get(f));
      else files.delete(f);
    }
  }
  const file = `docs/notes-${files.size}.md`;
  files.set(file, `# Notes\n\n${pick(VERBS, rnd)} ${pick(FIX_WORDS, rnd)}.\n`);
  return done([file], `Docs: ${pick(FIX_WORDS, rnd)} notes`);
}
