// Turns an accuracy scenario definition (bench/scenarios/*.mjs) into a real git repository with a
// realistic history, deploys the deployed tag into a separate folder and runs it until it crashes,
// keeping what the runtime printed (or what @sentry/node sent). Nothing a runtime prints is written
// here: the stack comes from node, python3, java or the Sentry SDK. History is written with one
// `git fast-import` per repository, which keeps hundreds of commits cheap.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { applyDecoy, decoySteps } from './decoys.mjs';
import { runNative } from './runtimes.mjs';
import { seededRandom } from './stats.mjs';

const require = createRequire(import.meta.url);
const SELF = fileURLToPath(import.meta.url);

const AUTHORS = [
  ['Ada Lovelace', 'ada@acme.example'],
  ['Grace Hopper', 'grace@acme.example'],
  ['Linus Torvalds', 'linus@acme.example'],
  ['Margaret Hamilton', 'margaret@acme.example'],
  ['Ken Thompson', 'ken@acme.example'],
];
const START = Date.parse('2025-01-06T09:00:00Z');

function hashOf(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Git without the caller's config or environment: the same bytes on every machine. */
function gitEnv(home) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^GIT_/i.test(k)));
  return { ...env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', TZ: 'UTC' };
}

// ---- filler: real helper functions so files have realistic sizes and history has targets ----

const FILLER = /^([ \t]*)(?:\/\/|#)\s*@filler\s+(\d+)\s*$/gm;

function helperJs(name, k, rnd, indent) {
  const body = [
    `function ${name}(values) {`,
    '  let total = 0;',
    '  for (const v of values) {',
    '    if (v === null || v === undefined) continue;',
    `    total += Number(v) * ${k};`,
    '  }',
  ];
  for (let i = 0, n = Math.floor(rnd() * 4); i < n; i++)
    body.push(`  if (total > ${100 * (i + 1)}) total -= ${i + 1};`);
  body.push('  return Math.round(total * 100) / 100;', '}', '');
  return body.map((l) => (l ? indent + l : l));
}

function helperPy(name, k, rnd, indent) {
  const body = [
    `def ${name}(values):`,
    '    total = 0',
    '    for v in values:',
    '        if v is None:',
    '            continue',
    `        total += float(v) * ${k}`,
  ];
  for (let i = 0, n = Math.floor(rnd() * 4); i < n; i++)
    body.push(`    if total > ${100 * (i + 1)}:`, `        total -= ${i + 1}`);
  body.push('    return round(total, 2)', '', '');
  return body.map((l) => (l ? indent + l : l));
}

function helperJava(name, k, rnd, indent) {
  const body = [
    `static double ${name}(double[] values) {`,
    '    double total = 0;',
    '    for (double v : values) {',
    `        total += v * ${k};`,
    '    }',
  ];
  for (let i = 0, n = Math.floor(rnd() * 4); i < n; i++)
    body.push(`    if (total > ${100 * (i + 1)}) total -= ${i + 1};`);
  body.push('    return Math.round(total * 100) / 100.0;', '}', '');
  return body.map((l) => (l ? indent + l : l));
}

/** Helpers in the other runtimes: the same loop, with a `* K` factor decoys can tune. */
function helperIn(lang) {
  return (name, k, rnd, indent) => {
    const extra = Math.floor(rnd() * 3);
    const body = {
      go: [
        `func ${name}(values []float64) float64 {`,
        '\ttotal := 0.0',
        '\tfor _, v := range values {',
        `\t\ttotal += v * ${k}`,
        '\t}',
        ...Array.from({ length: extra }, (_x, i) => `\tif total > ${100 * (i + 1)} {\n\t\ttotal -= ${i + 1}\n\t}`),
        '\treturn total',
        '}',
      ],
      ruby: [
        `def self.${name}(values)`,
        '  total = 0',
        '  values.each do |v|',
        '    next if v.nil?',
        `    total += v.to_f * ${k}`,
        '  end',
        ...Array.from({ length: extra }, (_x, i) => `  total -= ${i + 1} if total > ${100 * (i + 1)}`),
        '  total.round(2)',
        'end',
      ],
      php: [
        `public static function ${name}(array $values): float`,
        '{',
        '    $total = 0.0;',
        '    foreach ($values as $v) {',
        `        $total += $v * ${k};`,
        '    }',
        ...Array.from({ length: extra }, (_x, i) => `    if ($total > ${100 * (i + 1)}) { $total -= ${i + 1}; }`),
        '    return round($total, 2);',
        '}',
      ],
      cs: [
        `static double ${name}(double[] values)`,
        '{',
        '    double total = 0;',
        '    foreach (var v in values)',
        `        total += v * ${k};`,
        ...Array.from({ length: extra }, (_x, i) => `    if (total > ${100 * (i + 1)}) total -= ${i + 1};`),
        '    return Math.Round(total, 2);',
        '}',
      ],
      rust: [
        `pub fn ${name}(values: &[f64]) -> f64 {`,
        '    let mut total = 0.0;',
        '    for v in values {',
        '        total += v;',
        '    }',
        `    let scaled = (total as i64) * ${k};`,
        ...Array.from(
          { length: extra },
          (_x, i) => `    let scaled = if scaled > ${100 * (i + 1)} { scaled - ${i + 1} } else { scaled };`,
        ),
        '    scaled as f64 / 100.0',
        '}',
      ],
    }[lang];
    return [...body.flatMap((l) => l.split('\n')), ''].map((l) => (l ? indent + l : l));
  };
}

function helperName(file, lang, i) {
  const stem = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .replace(/[^A-Za-z0-9]/g, '');
  const camel = stem.charAt(0).toLowerCase() + stem.slice(1);
  return lang === 'py' || lang === 'ruby' || lang === 'rust'
    ? `_${stem.toLowerCase()}_helper_${i}`
    : `${camel}Helper${i}`;
}

/** Replaces `// @filler N` / `# @filler N` lines with N helper functions. */
function expandFillers(file, text, lang, rnd) {
  let i = 0;
  const make =
    lang === 'py'
      ? helperPy
      : lang === 'java'
        ? helperJava
        : ['go', 'ruby', 'php', 'cs', 'rust'].includes(lang)
          ? helperIn(lang)
          : helperJs;
  return text.replace(FILLER, (_m, indent, count) => {
    const out = [];
    for (let n = 0; n < Number(count); n++)
      out.push(...make(helperName(file, lang, ++i), 2 + Math.floor(rnd() * 9), rnd, indent));
    return out.join('\n').replace(/\n+$/, '');
  });
}

/** A small real edit away from any frame: a helper's multiplier changes. */
function tweak(files, candidates, rnd) {
  const withHelpers = candidates.filter((f) => /Helper\d+|_helper_\d+/.test(files.get(f) ?? ''));
  if (withHelpers.length === 0) return null;
  const file = withHelpers[Math.floor(rnd() * withHelpers.length)];
  const text = files.get(file);
  const all = [...text.matchAll(/ \* (\d+)(;?)$/gm)];
  if (all.length === 0) return null;
  const m = all[Math.floor(rnd() * all.length)];
  files.set(file, `${text.slice(0, m.index)} * ${Number(m[1]) + 1}${m[2]}${text.slice(m.index + m[0].length)}`);
  return file;
}

// ---- history ----

function replaceOnce(text, from, to, where) {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`${where}: '${from.slice(0, 60)}' not found`);
  if (text.indexOf(from, at + 1) >= 0) throw new Error(`${where}: '${from.slice(0, 60)}' is ambiguous`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Applies a step to the file map; returns the paths it wrote and removed. */
function applyStep(files, step, def, rnd) {
  const written = new Set();
  const removed = new Set();
  for (const [from, to] of step.move ?? []) {
    if (!files.has(from)) throw new Error(`${def.name}: cannot move missing ${from}`);
    files.set(to, files.get(from));
    files.delete(from);
    removed.add(from);
    written.add(to);
  }
  for (const [file, text] of Object.entries(step.write ?? {})) {
    files.set(file, expandFillers(file, text, def.lang, rnd));
    written.add(file);
  }
  for (const [file, from, to] of step.edit ?? []) {
    if (!files.has(file)) throw new Error(`${def.name}: cannot edit missing ${file}`);
    files.set(file, replaceOnce(files.get(file), from, to, `${def.name} (${step.msg}) ${file}`));
    written.add(file);
  }
  // A formatter pass: every occurrence of a token (quote style, spacing) in one file.
  for (const [file, from, to] of step.replaceAll ?? []) {
    const text = files.get(file);
    if (text === undefined || !text.includes(from))
      throw new Error(`${def.name} (${step.msg}): '${from}' not in ${file}`);
    files.set(file, text.split(from).join(to));
    written.add(file);
  }
  // A formatter pass that changes the indentation width of every line of one file.
  for (const [file, fromWidth, toWidth] of step.reindent ?? []) {
    const text = files.get(file);
    if (text === undefined) throw new Error(`${def.name}: cannot reindent missing ${file}`);
    files.set(
      file,
      text.replace(/^( +)/gm, (lead) =>
        ' '.repeat(Math.floor(lead.length / fromWidth) * toWidth + (lead.length % fromWidth)),
      ),
    );
    written.add(file);
  }
  for (const file of written) removed.delete(file);
  return { written, removed };
}

function fastImportCommit(
  out,
  mark,
  author,
  when,
  msg,
  files,
  change,
  parents = mark > 1 ? [mark - 1] : [],
  branch = 'main',
) {
  const [name, mail] = author;
  const stamp = `${Math.floor(when / 1000)} +0000`;
  out.push(
    `commit refs/heads/${branch}\nmark :${mark}\nauthor ${name} <${mail}> ${stamp}\ncommitter ${name} <${mail}> ${stamp}\n`,
  );
  out.push(`data ${Buffer.byteLength(msg)}\n${msg}\n`);
  if (parents.length > 0) out.push(`from :${parents[0]}\n`);
  for (const p of parents.slice(1)) out.push(`merge :${p}\n`);
  for (const file of change.removed) out.push(`D ${file}\n`);
  for (const file of [...change.written].sort()) {
    const text = files.get(file);
    out.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  out.push('\n');
}

/**
 * Expands a definition into an ordered commit list: initial import, pre-deploy history, the
 * previous deploy, the range (explicit steps with helper tweaks interleaved, then a release
 * commit), the deploy, and the post-deploy work.
 */
function planHistory(def, rnd) {
  const lang = def.lang;
  const hot =
    def.hot ?? Object.keys(def.files).filter((f) => !/^(main|Main|README|package|VERSION)/.test(path.basename(f)));
  const steps = [
    {
      msg: def.initialMessage ?? 'Initial import',
      write: {
        ...def.files,
        VERSION: '1.0.0\n',
        '.gitignore': def.gitignore ?? 'dist/\nout/\n__pycache__/\n*.class\n',
      },
    },
  ];
  for (let i = 0; i < (def.history ?? 6); i++)
    steps.push({
      msg: `${['Tune', 'Adjust', 'Rebalance', 'Retune'][i % 4]} ${path.basename(hot[i % hot.length]).replace(/\.[^.]+$/, '')} weights`,
      tweak: def.historyFiles ?? Object.keys(def.files),
    });
  for (const s of def.before ?? []) steps.push(s);
  const [prevTag, deployTag] = def.tags ?? ['v1.4.0', 'v1.5.0'];
  steps.push({
    msg: `Release ${prevTag.slice(1)}`,
    edit: [['VERSION', '1.0.0\n', `${prevTag.slice(1)}\n`]],
    tag: prevTag,
  });
  const range = [...def.range];
  for (let i = 0; i < (def.noise ?? 3); i++) {
    const at = Math.floor(rnd() * (range.length + 1));
    range.splice(at, 0, {
      msg: `${['Pricing', 'Cleanup', 'Perf', 'Refactor', 'Metrics'][i % 5]}: tune ${['thresholds', 'weights', 'rounding', 'factors'][i % 4]}`,
      tweak: hot,
    });
  }
  steps.push(...(def.width ? interleave(range, decoySteps(range.length + 1, def.width, rnd), rnd) : range));
  steps.push({
    msg: `Release ${deployTag.slice(1)}`,
    edit: [['VERSION', `${prevTag.slice(1)}\n`, `${deployTag.slice(1)}\n`]],
    tag: deployTag,
  });
  const post = [...(def.post ?? [])];
  for (let i = 0; i < (def.postNoise ?? 1); i++)
    post.splice(Math.floor(rnd() * (post.length + 1)), 0, { msg: 'Post-release tuning', tweak: hot });
  steps.push(...post);
  return { steps, prevTag, deployTag, lang };
}

/** Both lists in one, each keeping its own order (a random riffle). */
function interleave(a, b, rnd) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && rnd() < (a.length - i) / (a.length - i + b.length - j));
    out.push(takeA ? a[i++] : b[j++]);
  }
  return out;
}

/** The edits of an earlier step (named by `revert: msg`) undone, as `git revert` would. */
function revertOf(steps, step, def) {
  const undone = steps.find((s) => s.msg === step.revert);
  if (!undone || !undone.edit) throw new Error(`${def.name}: nothing to revert named '${step.revert}'`);
  return { msg: step.msg, edit: [...undone.edit].reverse().map(([file, from, to]) => [file, to, from]) };
}

/**
 * Merges a feature branch into main's file map: a file only one side changed takes that side;
 * one both changed gets the branch's edits replayed (a clean three-way merge of disjoint edits).
 */
function mergeBranch(files, branch, def, rnd, step) {
  if (!branch) throw new Error(`${def.name}: no branch '${step.merge}' to merge`);
  const written = new Set();
  const removed = new Set();
  for (const file of new Set([...branch.files.keys(), ...branch.base.keys()])) {
    const [base, ours, theirs] = [branch.base.get(file), files.get(file), branch.files.get(file)];
    if (theirs === base || theirs === ours) continue;
    if (theirs === undefined) {
      files.delete(file);
      removed.add(file);
    } else if (ours === base) files.set(file, theirs);
    else {
      const replay = new Map([[file, ours]]);
      for (const s of branch.steps)
        if ((s.edit ?? []).some(([f]) => f === file))
          applyStep(replay, { msg: s.msg, edit: s.edit.filter(([f]) => f === file) }, def, rnd);
      files.set(file, replay.get(file));
    }
    written.add(file);
  }
  return { written, removed };
}

function buildRepo(def, repo, home) {
  // A metamorphic variant keeps its original's seed: the same fillers, decoys and noise.
  const rnd = seededRandom(hashOf(def.seedName ?? def.name));
  const { steps, prevTag, deployTag } = planHistory(def, rnd);
  const files = new Map();
  const stream = [];
  const tags = [];
  let when = START + Math.floor(rnd() * 30) * 86400_000;
  let bugMark = null;
  let mark = 0;
  let mainTip = 0;
  // Feature branches (`branch: name` steps fork from main at their first use; `merge: name` joins).
  const branches = new Map();
  for (const [index, step] of steps.entries()) {
    let change;
    let target = files;
    let parents = mark > 0 ? [mainTip] : [];
    let branch = null;
    if (step.branch) {
      if (!branches.has(step.branch))
        branches.set(step.branch, { base: new Map(files), files: new Map(files), tip: mainTip, steps: [] });
      branch = branches.get(step.branch);
      target = branch.files;
      parents = [branch.tip];
    }
    let msg = step.msg;
    if (step.merge) change = mergeBranch(files, branches.get(step.merge), def, rnd, step);
    else if (step.decoy) {
      const ctx = { lang: def.lang, hot: def.hot ?? Object.keys(def.files), tweak, later: steps.slice(index + 1) };
      change = applyDecoy(target, step, ctx, rnd);
      msg = change.msg;
    } else if (step.tweak) {
      const file = tweak(target, step.tweak, rnd);
      change = { written: new Set(file ? [file] : []), removed: new Set() };
    } else change = applyStep(target, step.revert ? revertOf(steps, step, def) : step, def, rnd);
    if (change.written.size === 0 && change.removed.size === 0 && !step.merge) continue;
    mark++;
    // A long history keeps the same calendar span (commits come closer together), never the future.
    when +=
      step.gapMinutes !== undefined
        ? step.gapMinutes * 60_000
        : Math.round((2 + Math.floor(rnd() * 40)) * 3600_000 * Math.min(1, 60 / steps.length));
    const author =
      step.author !== undefined ? AUTHORS[step.author % AUTHORS.length] : AUTHORS[Math.floor(rnd() * AUTHORS.length)];
    if (step.merge) parents = [mainTip, branches.get(step.merge).tip];
    fastImportCommit(stream, mark, author, when, msg, target, change, parents, step.branch ?? 'main');
    if (branch) {
      branch.tip = mark;
      branch.steps.push(step);
    } else mainTip = mark;
    if (step.bug) bugMark = mark;
    if (step.tag) tags.push([step.tag, mark, author, when]);
  }
  if (bugMark === null) throw new Error(`${def.name}: no step is marked bug: true`);
  for (const [name, m, [an, am], t] of tags) {
    const msg = `Deploy ${name}`;
    stream.push(
      `tag ${name}\nfrom :${m}\ntagger ${an} <${am}> ${Math.floor(t / 1000)} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`,
    );
  }
  const env = gitEnv(home);
  execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
  const marksFile = path.join(home, 'marks');
  execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`], {
    cwd: repo,
    env,
    input: stream.join(''),
  });
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: repo, env });
  const marks = new Map(
    readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')),
  );
  const bugSha = marks.get(`:${bugMark}`);
  const rangeShas = execFileSync('git', ['rev-list', `${prevTag}..${deployTag}`], { cwd: repo, env, encoding: 'utf8' })
    .trim()
    .split('\n');
  const commits = Number(
    execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, env, encoding: 'utf8' }).trim(),
  );
  return { bugSha, rangeShas, prevTag, deployTag, commits, env };
}

// ---- running the deployed revision ----

function crashed(r, what) {
  if (r.error) throw r.error;
  if (r.status === 0) throw new Error(`${what} did not crash:\n${r.stdout}`);
  return r.stderr;
}

function runJava(def, dir) {
  const sources = [];
  const walk = (d) => {
    for (const e of readdirSync(path.join(dir, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.java')) sources.push(rel);
    }
  };
  walk('.');
  execFileSync('javac', ['-nowarn', '-d', 'out', ...sources], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return crashed(spawnSync('java', ['-cp', 'out', def.main], { cwd: dir, encoding: 'utf8' }), def.name);
}

async function runBundle(def, dir, repo) {
  const { build } = await import('esbuild');
  const entry = def.main ?? 'main.js';
  await build({
    entryPoints: [path.join(dir, entry)],
    outfile: path.join(dir, 'dist/bundle.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  // The developer's local build of the deployed revision (git-ignored), where Culprit finds the map.
  cpSync(path.join(dir, 'dist'), path.join(repo, 'dist'), { recursive: true });
  return crashed(spawnSync(process.execPath, ['dist/bundle.js'], { cwd: dir, encoding: 'utf8' }), def.name);
}

function eventFromEnvelope(text) {
  const lines = text.split('\n');
  for (let i = 1; i + 1 < lines.length; i += 2) {
    if (JSON.parse(lines[i]).type === 'event') return JSON.parse(lines[i + 1]);
  }
  return null;
}

/** Runs the deployed Node service under the real @sentry/node SDK; the event its transport posts. */
async function runSentry(def, dir, release) {
  const instrument = path.join(dir, 'instrument.js');
  // The SDK flushes a crash's event for shutdownTimeout (2 s by default) before it exits: on a loaded
  // machine that is too short, and the service exits without an event.
  writeFileSync(
    instrument,
    `'use strict';\nconst Sentry = require(${JSON.stringify(require.resolve('@sentry/node'))});\n` +
      `Sentry.init({ dsn: process.env.SENTRY_DSN, release: ${JSON.stringify(release)}, environment: 'production', serverName: 'app-1', shutdownTimeout: 30000 });\n`,
  );
  let resolveEvent;
  const got = new Promise((resolve) => (resolveEvent = resolve));
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
      const event = eventFromEnvelope(body.toString('utf8'));
      if (event) resolveEvent(event);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const child = spawn(process.execPath, ['--require', instrument, def.main ?? 'main.js'], {
      cwd: dir,
      env: { ...process.env, SENTRY_DSN: `http://publickey@127.0.0.1:${server.address().port}/1` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // A process that exits without sending leaves a short grace period for an in-flight request.
    const failed = exited.then(
      (code) =>
        new Promise((_r, reject) =>
          setTimeout(
            () => reject(new Error(`${def.name}: exited (${code}) without a Sentry event: ${stderr.slice(-500)}`)),
            2000,
          ).unref(),
        ),
    );
    const timeout = new Promise((_r, reject) =>
      setTimeout(() => reject(new Error(`${def.name}: no Sentry event within 90 s`)), 90_000).unref(),
    );
    const event = await Promise.race([got, failed, timeout]);
    await exited;
    return JSON.stringify(event, null, 2);
  } finally {
    server.close();
  }
}

/**
 * Installs `def.vendor` (third-party packages, relative to the deployed folder: `node_modules/...`
 * or `../venv/lib/python3.11/site-packages/...`) next to the deployed code, and the ones inside the
 * folder into the developer's checkout too (git-ignored, as an install would leave them).
 * @returns the site-packages folders, for PYTHONPATH
 */
function installVendor(def, deployDir, repo) {
  const sitePackages = new Set();
  for (const [rel, text] of Object.entries(def.vendor ?? {})) {
    for (const root of rel.startsWith('../') ? [deployDir] : [deployDir, repo]) {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    const at = rel.indexOf('site-packages/');
    if (at >= 0) sitePackages.add(path.join(deployDir, rel.slice(0, at + 'site-packages'.length)));
  }
  return [...sitePackages];
}

async function capture(def, deployDir, repo, deployTag) {
  const sitePackages = installVendor(def, deployDir, repo);
  const pyEnv = sitePackages.length ? { ...process.env, PYTHONPATH: sitePackages.join(path.delimiter) } : process.env;
  if (def.lang === 'py')
    return {
      file: 'trace.txt',
      text: crashed(
        spawnSync('python3', [def.main ?? 'main.py'], { cwd: deployDir, encoding: 'utf8', env: pyEnv }),
        def.name,
      ),
    };
  if (def.lang === 'java') return { file: 'trace.txt', text: runJava(def, deployDir) };
  if (['go', 'ruby', 'php', 'cs', 'rust'].includes(def.lang))
    return { file: 'trace.txt', text: runNative(def, deployDir) };
  if (def.capture === 'sentry') return { file: 'event.json', text: await runSentry(def, deployDir, deployTag) };
  if (def.capture === 'bundle') return { file: 'trace.txt', text: await runBundle(def, deployDir, repo) };
  return {
    file: 'trace.txt',
    text: crashed(spawnSync(process.execPath, [def.main ?? 'main.js'], { cwd: deployDir, encoding: 'utf8' }), def.name),
  };
}

/** Cache key of a definition: its content and this generator's source. */
export function scenarioKey(def) {
  const hash = createHash('sha256').update(JSON.stringify(def));
  for (const file of [SELF, ...['decoys.mjs', 'runtimes.mjs'].map((f) => path.join(path.dirname(SELF), f))])
    hash.update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds one scenario under `dir` (reused when its key matches): `repo/` with the history,
 * `app/` (the deployed tree, where it crashed) and the captured trace or event.
 * @returns {Promise<{ name: string, lang: string, capture: string, cases: string[], repo: string, deployDir: string, traceFile: string, deploy: string, bugSha: string, rangeShas: string[], commits: number, cached: boolean }>}
 */
export async function buildScenario(def, dir) {
  const key = scenarioKey(def);
  const metaFile = path.join(dir, 'scenario.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.key === key && existsSync(meta.traceFile)) return { ...meta, cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  const repo = path.join(dir, 'repo');
  const home = path.join(dir, 'home');
  // A folder named like a container's /app, so production paths look like production paths.
  const deployDir = path.join(dir, 'srv', 'app');
  mkdirSync(home, { recursive: true });
  mkdirSync(deployDir, { recursive: true });
  const built = buildRepo(def, repo, home);
  const tar = execFileSync('git', ['archive', '--format=tar', built.deployTag], {
    cwd: repo,
    env: built.env,
    maxBuffer: 256 << 20,
  });
  execFileSync('tar', ['-x', '-C', deployDir], { input: tar });
  const out = await capture(def, deployDir, repo, built.deployTag);
  const traceFile = path.join(dir, out.file);
  writeFileSync(traceFile, out.text);
  const meta = {
    key,
    name: def.name,
    lang: def.lang,
    capture: def.lang === 'js' ? (def.capture ?? 'stderr') : 'stderr',
    cases: def.cases ?? [],
    heldOut: def.heldOut === true,
    repo,
    deployDir,
    traceFile,
    deploy: `${built.prevTag}..${built.deployTag}`,
    bugSha: built.bugSha,
    rangeShas: built.rangeShas,
    commits: built.commits,
  };
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  return { ...meta, cached: false };
}

/** Builds (or reuses) every scenario under `root`, two at a time. */
export async function buildScenarios(defs, root, log = () => {}) {
  const names = new Set();
  for (const d of defs) {
    if (names.has(d.name)) throw new Error(`duplicate scenario name ${d.name}`);
    names.add(d.name);
  }
  const out = new Array(defs.length);
  let next = 0;
  const worker = async () => {
    while (next < defs.length) {
      const i = next++;
      const t0 = performance.now();
      try {
        out[i] = await buildScenario(defs[i], path.join(root, defs[i].name));
      } catch (e) {
        // One scenario that cannot be built (a runtime missing, a crash that did not happen) is
        // reported, never silently dropped, and does not stop the others.
        out[i] = {
          name: defs[i].name,
          error: String(e instanceof Error ? e.message : e)
            .split('\n')[0]
            .slice(0, 300),
        };
        log(`  FAILED to build ${defs[i].name}: ${out[i].error}`);
        continue;
      }
      if (!out[i].cached)
        log(`  built ${defs[i].name} (${out[i].commits} commits) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}
