/**
 * What never answers: a provider endpoint that accepts the request and stays silent,
 * a git process that never exits, an input pipe that never ends. Through the source API each rig
 * shows that a provider that has clearly stopped answering gets no more requests, and that a run
 * deadline keeps what arrived; through the built CLI (`npm run build` first), `--timeout` ends each
 * of the three with the deadline's own message and keeps what was already fetched or resolved.
 * Before this change the source waited the 30 s timeout for every event (four at a time) and the
 * CLI had no deadline at all: the hung git and the endless pipe ran until killed.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDeadline } from '../../../src/core/util/deadline';
import type { TriageReport } from '../../../src/core/model/triage.types';
import { projectRoot, runTriageCli } from '../../helpers/demoScenario';
import { createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { CANARIES, RIGS, type Stand } from './faultRigs';

const cli = path.join(projectRoot, 'dist', 'cli.js');

describe('what never answers: a silent provider, a hung git, an endless pipe', function () {
  // Each case waits for a real deadline or timeout of a few seconds; a loaded machine stretches that.
  this.timeout(120_000);
  const stands: Stand[] = [];
  afterEach(async () => {
    await Promise.all(stands.splice(0).map((s) => s.close()));
  });

  for (const rig of RIGS) {
    describe(rig.name, () => {
      const start = async (): Promise<Stand> => {
        const s = await rig.start();
        stands.push(s);
        return s;
      };

      it('an event endpoint that never answers: after two silent timeouts no more requests are sent', async () => {
        const s = await start();
        s.fault(rig.itemRoute, { hang: true });
        const res = await rig.source(s.url, { timeoutMs: 2_000, maxConcurrent: 1 }).listSamples({ limit: 3 });
        assert.deepEqual(res.samples, []);
        assert.deepEqual(
          res.failures.map((f) => f.issueId),
          rig.ids,
        );
        assert.match(res.failures[0].message, /timed out after 2(\.0)?s/);
        assert.match(
          res.failures[2].message,
          new RegExp(`not sent: ${rig.name} stopped answering (GET|POST) /\\S+ \\(2 requests in a row`),
        );
        assert.equal(s.count(rig.itemRoute), 2, 'the third event was not asked for');
      });

      it('a run deadline stops the request that hangs and keeps the events that arrived', async () => {
        const s = await start();
        s.fault(rig.itemRoute, { hang: true, issueId: rig.ids[1] } as never);
        const deadline = createDeadline(1_500, 'test');
        try {
          // The per-request timeout (30 s) would come far later: the deadline ends the wait.
          const res = await rig.source(s.url).listSamples({ limit: 3, signal: deadline.signal });
          assert.deepEqual(
            res.samples.map((x) => x.group.id),
            rig.ids.filter((id) => id !== rig.ids[1]),
          );
          const failed = res.failures.find((f) => f.issueId === rig.ids[1]);
          assert.match(failed?.message ?? '', /stopped: the 2 s deadline \(test\) passed/);
          assert.ok(deadline.passed());
        } finally {
          deadline.dispose();
        }
      });
    });
  }

  describe('culprit triage --timeout', () => {
    let repo: TempRepo;
    let deploy = '';
    const trace = 'TypeError: boom\n    at handler (/app/src/app.js:2:10)\n    at main (/app/src/app.js:5:3)\n';
    before(() => {
      repo = createTempRepo();
      repo.write('src/app.js', 'function handler() {\n  return null.x;\n}\nmodule.exports = () =>\n  handler();\n');
      const first = repo.commit('init');
      repo.write(
        'src/app.js',
        'function handler() {\n  return null.x; // now\n}\nmodule.exports = () =>\n  handler();\n',
      );
      deploy = `${first}..${repo.commit('change')}`;
      repo.write('trace.txt', trace);
    });
    after(() => repo?.cleanup());

    for (const rig of RIGS) {
      it(`${rig.name}: an event that never arrives → what arrived is kept, the deadline named`, async () => {
        const s = await rig.start();
        stands.push(s);
        s.fault(rig.itemRoute, { hang: true, issueId: rig.ids[1] } as never);
        const { args, env } = rig.cli(s.url);
        const r = await runTriageCli(
          [...args, '--repo', repo.dir, '--deploy', deploy, '--json', '--timeout', '3'],
          env,
        );
        for (const c of CANARIES) assert.ok(!r.stdout.includes(c) && !r.stderr.includes(c), 'no secret');
        const report = JSON.parse(r.stdout) as TriageReport;
        assert.match(report.incomplete ?? '', /^the 3 s deadline \(--timeout\) passed: /);
        assert.match(r.stderr, /culprit: .*the 3 s deadline \(--timeout\) passed/);
        const failed = report.errors.find((e) => e.issueId === rig.ids[1]);
        assert.match(failed?.message ?? '', /the 3 s deadline \(--timeout\) passed/);
        if (rig.cliItemRequests === 'one-batch') {
          // Datadog asks for every issue's span in one search: when it hangs, nothing arrived.
          assert.equal(r.code, 1, r.stderr);
          assert.deepEqual(report.issues, []);
          return;
        }
        assert.equal(r.code, 0, r.stderr);
        // The others were fetched before the deadline: kept, triaged or at least as reported.
        for (const id of rig.ids.filter((x) => x !== rig.ids[1]))
          assert.ok(
            report.issues.some((i) => i.id === id),
            `issue ${id} kept`,
          );
      });
    }

    it('a git that never exits: the frames stay, suspects say the deadline stopped git', async () => {
      // A `git` first on PATH that hangs on blame and runs the real git for everything else.
      const bin = mkdtempSync(path.join(tmpdir(), 'culprit-hung-git-'));
      const real = await realGit();
      writeFileSync(
        path.join(bin, 'git'),
        `#!/bin/sh\nfor a in "$@"; do [ "$a" = blame ] && exec sleep 600; done\nexec ${real} "$@"\n`,
      );
      chmodSync(path.join(bin, 'git'), 0o755);
      try {
        const r = await runTriageCli(
          [
            ...['--event', path.join(repo.dir, 'trace.txt'), '--repo', repo.dir, '--map', '/app=.'],
            ...['--deploy', deploy, '--json', '--timeout', '4'],
          ],
          { PATH: `${bin}:${process.env.PATH}` },
        );
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /the 4 s deadline \(--timeout\) passed/);
        const issue = (JSON.parse(r.stdout) as TriageReport).issues[0];
        assert.equal(issue.frames[0].file, 'src/app.js', 'the frame was resolved before git hung');
        assert.deepEqual(issue.suspects, []);
        assert.match(issue.suspectsUnavailable ?? '', /git blame stopped: the 4 s deadline \(--timeout\) passed/);
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });

    it('an endless stdin: exit 1 with the deadline and how much arrived, nothing printed as a report', async () => {
      const child = spawn(process.execPath, [cli, 'triage', '--event', '-', '--repo', repo.dir, '--timeout', '2']);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.stdin.on('error', () => undefined);
      child.stdin.write(trace);
      // A log that keeps growing, as `tail -f app.log | culprit triage --event -` gives.
      const drip = setInterval(() => child.stdin.writable && child.stdin.write('INFO still running\n'), 100);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      clearInterval(drip);
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '');
      assert.match(
        stderr,
        /culprit: stdin was still sending after \d+ (MB|bytes): the 2 s deadline \(--timeout\) passed/,
      );
    });

    it('a stdin fed a byte a second by another process: exit 1 at the deadline, not when the writer quits', async () => {
      // A real producer process piped into the CLI, as `slow-producer | culprit triage --event -` is.
      const child = spawn('sh', [
        '-c',
        `while :; do printf x; sleep 1; done | exec "$0" "$@"`,
        process.execPath,
        cli,
        'triage',
        '--event',
        '-',
        '--repo',
        repo.dir,
        '--timeout',
        '3',
      ]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const started = Date.now();
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '');
      assert.match(
        stderr,
        /^culprit: stdin was still sending after [1-5] bytes?: the 3 s deadline \(--timeout\) passed/,
      );
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    });

    it('a named pipe fed a byte a second: exit 1 at the deadline with the pipe named', async () => {
      const fifo = path.join(repo.dir, 'trickle.log');
      execFileSync('mkfifo', [fifo]);
      const writer = spawn('sh', ['-c', `exec > '${fifo}'; while :; do printf x; sleep 1; done`], { stdio: 'ignore' });
      try {
        const r = await runTriageCli(['--event', fifo, '--repo', repo.dir, '--timeout', '3']);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stdout, '');
        assert.match(
          r.stderr,
          /trickle\.log was still sending after [1-5] bytes?: the 3 s deadline \(--timeout\) passed/,
        );
      } finally {
        writer.kill('SIGKILL');
      }
    });
  });
});

async function realGit(): Promise<string> {
  return execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
}
