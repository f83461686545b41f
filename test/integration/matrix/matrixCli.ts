/** Runs the built CLI and checks its output against README's JSON contract, field by field. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const cli = path.resolve(__dirname, '../../../dist/cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd?: string): CliRun {
  const r = spawnSync(process.execPath, [cli, 'triage', ...args, '--json'], { encoding: 'utf8', cwd });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonFrame {
  file: string | null;
  line: number | null;
  column: number | null;
  localLine: number | null;
  changedSince: { sha: string; summary: string; author: string; date: string } | { uncommitted: true } | null;
  function: string | null;
  inApp: boolean;
  raw: string;
  candidates?: string[];
}

interface JsonSuspect {
  sha: string;
  author: string;
  date: string;
  summary: string;
  score: number;
  reasons: string[];
  moreLinks?: string[];
}

export interface JsonIssue {
  id: string;
  release: string | null;
  deploy: { from: string | null; to: string | null; source: string };
  frames: JsonFrame[];
  suspects: JsonSuspect[];
}

const SHA = /^[0-9a-f]{40}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

function keys(o: object): string[] {
  return Object.keys(o).sort();
}

function nullOr(v: unknown, type: string, what: string): void {
  assert.ok(v === null || typeof v === type, `${what} must be ${type} or null, got ${JSON.stringify(v)}`);
}

const PLACEMENTS = ['line-number', 'source-map', 'context-line', 'function-text', 'history', 'moved-function'];

/** Asserts the exact contract shape and returns the parsed report. */
export function assertContract(stdout: string): {
  issues: JsonIssue[];
  errors: Array<{ issueId: string | null; message: string }>;
} {
  const report = JSON.parse(stdout) as Record<string, unknown>;
  assert.deepEqual(keys(report), ['errors', 'issues']);
  assert.ok(Array.isArray(report.issues) && Array.isArray(report.errors));
  for (const e of report.errors as Array<Record<string, unknown>>) {
    assert.deepEqual(keys(e), ['issueId', 'message']);
    nullOr(e.issueId, 'string', 'errors[].issueId');
    assert.equal(typeof e.message, 'string');
  }
  for (const i of report.issues as Array<Record<string, unknown>>) {
    // Optional keys: the ranking's verdict (set when suspects were ranked), why git could not rank, and the
    // runtime/OS/device contexts the event carried.
    const verdict = ['confidence', 'noSuspect', 'runtime', 'suspectsUnavailable', 'uncertainBetween'].filter(
      (k) => k in i,
    );
    if ('runtime' in i) assert.ok(i.runtime && typeof i.runtime === 'object', 'runtime is an object');
    const want = ['count', 'deploy', 'firstSeen', 'frames', 'id', 'lastSeen', 'release', 'suspects', 'title', 'url'];
    assert.deepEqual(keys(i), [...want, ...verdict].sort());
    if ('confidence' in i) assert.ok(['high', 'medium', 'low'].includes(String(i.confidence)), String(i.confidence));
    if ('uncertainBetween' in i) {
      const pair = i.uncertainBetween as unknown[];
      assert.ok(Array.isArray(pair) && pair.length === 2 && pair.every((x) => SHA.test(String(x))));
    }
    if ('noSuspect' in i) assert.equal(typeof i.noSuspect, 'string');
    assert.equal(typeof i.id, 'string');
    assert.equal(typeof i.title, 'string');
    nullOr(i.count, 'number', 'count');
    for (const k of ['firstSeen', 'lastSeen'] as const) if (i[k] !== null) assert.match(String(i[k]), ISO);
    nullOr(i.release, 'string', 'release');
    nullOr(i.url, 'string', 'url');
    const d = i.deploy as Record<string, unknown>;
    assert.deepEqual(keys(d), ['from', 'guessed', 'label', 'source', 'to']);
    assert.equal(typeof d.guessed, 'boolean');
    assert.equal(typeof d.label, 'string');
    for (const k of ['from', 'to'] as const) if (d[k] !== null) assert.match(String(d[k]), SHA);
    assert.ok(['flag', 'provider', 'tags', 'none'].includes(String(d.source)));
    for (const f of i.frames as Array<Record<string, unknown>>) {
      const want = ['changedSince', 'column', 'file', 'function', 'inApp', 'line', 'localLine', 'raw'];
      // Optional keys: same-named files when a frame could not be placed, and how a placed frame was.
      const optional = ['candidates', 'placedAt', 'unplaced'].filter((k) => k in f);
      // Every frame with a file says how its line was placed; null (with why) when nothing did.
      const placed = f.file !== null ? ['placedBy'] : [];
      assert.deepEqual(keys(f), [...want, ...optional, ...placed].sort());
      if (f.file !== null && f.placedBy !== null)
        assert.ok(PLACEMENTS.includes(String(f.placedBy)), String(f.placedBy));
      if (f.file !== null) assert.equal(f.placedBy === null, typeof f.unplaced === 'string', JSON.stringify(f));
      if (f.placedBy === null) assert.equal(f.localLine, null, 'an unplaced line is not guessed today');
      if ('placedAt' in f) assert.match(String(f.placedAt), SHA);
      const changed = f.changedSince as Record<string, unknown> | null;
      if (changed !== null && 'uncommitted' in changed) assert.deepEqual(changed, { uncommitted: true });
      else if (changed !== null) {
        assert.deepEqual(keys(changed), ['author', 'date', 'sha', 'summary']);
        assert.match(String(changed.sha), SHA);
        assert.match(String(changed.date), ISO);
      }
      nullOr(f.file, 'string', 'file');
      if (typeof f.file === 'string')
        assert.ok(!f.file.startsWith('/') && !f.file.includes('\\') && !f.file.split('/').includes('..'), f.file);
      for (const k of ['line', 'column', 'localLine'] as const) nullOr(f[k], 'number', k);
      nullOr(f.function, 'string', 'function');
      assert.equal(typeof f.inApp, 'boolean');
      assert.equal(typeof f.raw, 'string');
      if ('candidates' in f) assert.ok(Array.isArray(f.candidates) && f.file === null);
    }
    for (const s of i.suspects as Array<Record<string, unknown>>) {
      const more = 'moreLinks' in s ? ['moreLinks'] : [];
      assert.deepEqual(keys(s), ['author', 'date', ...more, 'probability', 'reasons', 'score', 'sha', 'summary']);
      assert.ok(typeof s.probability === 'number' && s.probability >= 0 && s.probability <= 1);
      assert.match(String(s.sha), SHA);
      assert.match(String(s.author), /^.+ <[^<>]*>$/);
      assert.match(String(s.date), ISO);
      assert.equal(typeof s.summary, 'string');
      assert.ok(typeof s.score === 'number' && s.score >= 0 && s.score <= 1, `score ${String(s.score)}`);
      assert.ok(Array.isArray(s.reasons) && s.reasons.every((r) => typeof r === 'string'));
      // The links behind the one `and N more links to the stack` reason: there only when some were held back.
      if (more.length) {
        const links = s.moreLinks as unknown[];
        assert.ok(links.length > 0 && links.every((r) => typeof r === 'string'));
        assert.ok(s.reasons.includes(`and ${links.length} more link${links.length === 1 ? '' : 's'} to the stack`));
      }
    }
  }
  return report as never;
}

/** Runs the CLI, expects exit 0 and one issue, and returns it. */
export function triageOne(args: string[]): JsonIssue {
  const r = runCli(args);
  assert.equal(r.status, 0, r.stderr);
  const report = assertContract(r.stdout);
  assert.equal(report.issues.length, 1, r.stdout);
  return report.issues[0];
}

/** The first frame with a file (the crashing one when resolution works) in a compact form. */
export function top(issue: JsonIssue): Pick<JsonFrame, 'file' | 'line' | 'localLine'> {
  const f = issue.frames[0];
  return { file: f.file, line: f.line, localLine: f.localLine };
}

/** A readable dump for assertion messages. */
export function dump(issue: JsonIssue): string {
  return JSON.stringify(
    {
      deploy: issue.deploy,
      frames: issue.frames.slice(0, 4),
      suspects: issue.suspects.slice(0, 3).map((s) => [s.sha.slice(0, 8), s.summary, s.score, s.reasons]),
    },
    null,
    1,
  );
}
