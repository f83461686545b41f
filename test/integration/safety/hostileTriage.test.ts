/**
 * A full triage (the built CLI, `--event … --json`) of an event whose frames are hostile paths, on
 * a real git repository that commits symlinks pointing out of it. The outside targets are FIFOs:
 * opening one to read blocks, so any read outside the workspace shows as a timeout. Nothing outside
 * is resolved, blamed or returned.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../helpers/demoScenario';
import { createTempRepo, makeTempDir, cleanupTempDirs, type TempRepo } from '../../helpers/gitRepo';
import type { TriageReport } from '../../../src/core/model/triage.types';

function cli(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), 'triage', ...args]);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

describe('hostile frame paths through a full triage', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let outside: string;
  before(() => {
    outside = makeTempDir('culprit-outside-');
    execFileSync('mkfifo', [
      path.join(outside, 'secret.js'),
      path.join(outside, 'passwd'),
      path.join(outside, 'secret.js.map'),
    ]);
    repo = createTempRepo();
    repo.write('src/app.js', 'module.exports = 1;\n//# sourceMappingURL=../../outside/secret.js.map\n');
    repo.commit('init');
    fs.symlinkSync(path.join(outside, 'secret.js'), path.join(repo.dir, 'src', 'leak.js'));
    fs.symlinkSync(outside, path.join(repo.dir, 'src', 'link'));
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(repo.dir, 'passwd'));
    repo.write('src/app.js', 'module.exports = 2;\n//# sourceMappingURL=link/secret.js.map\n');
    repo.commit('symlinks out');
  });
  after(() => {
    repo.cleanup();
    cleanupTempDirs();
  });

  it('resolves only workspace files, reads nothing outside, and returns no outside path', async () => {
    const hostile = [
      '../../etc/passwd',
      '/etc/passwd',
      path.join(outside, 'secret.js'),
      `file://${path.join(outside, 'secret.js')}`,
      'src/leak.js',
      'src/link/secret.js',
      'passwd',
      'C:\\Windows\\win.ini',
      'src/app.js\u0000../../passwd',
      `${'a/'.repeat(5_000)}app.js`,
      `${path.relative(repo.dir, outside)}/secret.js`,
    ];
    const frames = [...hostile, `${repo.dir}/src/app.js`].map((p, i) => ({
      filename: p,
      abs_path: p,
      function: `f${i}`,
      lineno: 1,
      colno: 1,
      in_app: true,
    }));
    const event = {
      event_id: 'a'.repeat(32),
      platform: 'node',
      exception: { values: [{ type: 'Error', value: 'hostile', stacktrace: { frames } }] },
    };
    const file = path.join(makeTempDir('culprit-event-'), 'event.json');
    fs.writeFileSync(file, JSON.stringify(event));
    const r = await cli(['--event', file, '--repo', repo.dir, '--deploy', 'HEAD~1..HEAD', '--json'], 20_000);
    assert.ok(!r.timedOut, 'the triage blocked: something opened a FIFO outside the workspace');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as TriageReport;
    const issue = report.issues[0];
    const files = issue.frames.map((f) => f.file).filter((f): f is string => f !== null);
    assert.deepEqual([...new Set(files)], ['src/app.js'], JSON.stringify(files));
    for (const f of issue.frames)
      for (const c of f.candidates ?? []) assert.ok(!c.includes('..') && !c.startsWith('/'), c);
    // `raw` echoes what production reported; nothing Culprit derived names the outside folder.
    const derived = JSON.stringify({ ...issue, frames: issue.frames.map((f) => ({ ...f, raw: '' })) });
    assert.ok(!derived.includes(outside), 'an outside path in the report');
    for (const s of issue.suspects) assert.equal(s.summary, 'symlinks out');
  });
});
