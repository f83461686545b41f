/**
 * Real crashes for the matrix: the deployed revision is exported with `git archive` into a temp
 * folder shaped like production (`…/app`, `…/var/task`, `…/usr/local/lib/python3.11/site-packages`)
 * and run with node or python3. The only change to what the runtime printed is removing the temp
 * folder in front of the production path, as if the process had run at `/app` itself.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../helpers/gitRepo';

/** A crash's text with the temp folder stripped, and the folder it ran in (for further runs). */
export interface Crash {
  text: string;
  /** The temp folder standing for `/`. */
  fakeRoot: string;
}

/** Exports `rev:servicePath` of `repoDir` into `<fakeRoot>/<deployPath>`; returns the absolute deploy dir. */
export function deployTree(
  repoDir: string,
  rev: string,
  servicePath: string,
  fakeRoot: string,
  deployPath: string,
): string {
  const dest = path.join(fakeRoot, deployPath);
  mkdirSync(dest, { recursive: true });
  const tree = servicePath ? `${rev}:${servicePath}` : rev;
  execFileSync('tar', ['-x', '-C', dest], {
    input: execFileSync('git', ['archive', tree], { cwd: repoDir, maxBuffer: 64 << 20 }),
  });
  return dest;
}

/** Runs a program that must fail; returns its stderr with `fakeRoot` removed from every path. */
export function runCrash(
  fakeRoot: string,
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Crash {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.notEqual(r.status, 0, `${cmd} ${args.join(' ')} did not crash: ${r.stdout}`);
  return { text: stripRoot(r.stderr, fakeRoot), fakeRoot };
}

/** Removes the temp folder (also as a `file://` URL, percent-encoded or not) from a real output. */
function stripRoot(text: string, fakeRoot: string): string {
  return text.split(fakeRoot).join('');
}

/** A fresh temp folder standing for the production machine's `/`. */
export function fakeMachine(): string {
  return makeTempDir('culprit-prod-');
}

const SENTRY = require.resolve('@sentry/node');

/**
 * Runs `entry` (which must export `handle`) under the real @sentry/node SDK with `release`, and
 * returns the event the SDK would send (captured in `beforeSend`, nothing leaves the process),
 * with `fakeRoot` stripped.
 */
export function sentryCrash(fakeRoot: string, entry: string, release: string, order: unknown): Crash {
  const wrapper = path.join(fakeRoot, 'instrument.js');
  writeFileSync(
    wrapper,
    `'use strict';\nconst Sentry = require(${JSON.stringify(SENTRY)});\n` +
      `Sentry.init({ dsn: 'http://public@127.0.0.1:9/1', release: process.env.RELEASE, environment: 'production', defaultIntegrations: false,\n` +
      `  integrations: [Sentry.contextLinesIntegration()], beforeSend(event) { process.stdout.write(JSON.stringify(event)); return null; } });\n` +
      `try { require(process.argv[2]).handle(JSON.parse(process.argv[3])); } catch (err) { Sentry.captureException(err); }\n` +
      `Sentry.flush(2000).then(() => process.exit(0));\n`,
  );
  const r = spawnSync(process.execPath, [wrapper, entry, JSON.stringify(order)], {
    cwd: fakeRoot,
    encoding: 'utf8',
    env: { ...process.env, RELEASE: release },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.includes('"exception"'), `no event captured: ${r.stdout}${r.stderr}`);
  return { text: stripRoot(r.stdout, fakeRoot), fakeRoot };
}

/** Writes a crash to a file for `--event`. */
export function eventFile(text: string, name = 'event.txt'): string {
  const file = path.join(makeTempDir('culprit-event-'), name);
  writeFileSync(file, text);
  return file;
}
