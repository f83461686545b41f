/**
 * `{test}`: the regression test Culprit writes from the event's failing request (here a curl
 * replay, the repository naming no test framework) is the reproduction, run against the service
 * started at each step. The step is bad only when the service prints the same TypeError from the
 * same frame; the test file carries no credential of the request. Real repos, node and curl.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { cleanupTempDirs } from '../../helpers/gitRepo';
import { buildOrderRepo, orderEvent } from '../../helpers/orderService';
import { checkoutState, triageFor } from '../../helpers/verifyRepo';

describe('verify with {test}: the generated replay of the failing request (real repos, node, curl)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  it('confirms the bug commit by replaying the request against the service at each step', async () => {
    const { repo, bugSha } = buildOrderRepo({ 'package.json': '{ "name": "shop", "private": true }\n' });
    const before = checkoutState(repo.dir);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const seenTest = path.join(scratch, 'seen-test');
    const url = `http://127.0.0.1:${port}`;
    const repro =
      `PORT=${port} node server.js & pid=$!; ` +
      `for i in $(seq 100); do curl -s -o /dev/null ${url}/ && break; sleep 0.1; done; ` +
      `cp {test} '${seenTest}'; CULPRIT_BASE_URL=${url} sh {test}; s=$?; kill $pid; wait $pid; exit $s`;
    const { ws, event, issue } = await triageFor(repo.dir, orderEvent(), 'event.json', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, { repro, trusted: true, scratchRoot: path.join(scratch, 'wt') });
    const ver = out.verification!;
    assert.equal(ver.status, 'confirmed', `${ver.summary}\n${JSON.stringify(ver.steps, null, 1)}`);
    assert.equal(ver.commit, bugSha);
    assert.match(ver.summary, /same TypeError at src\/orders\.js:4;/);
    assert.match(ver.command, /sh 'test\/regression\/[\w-]+\.replay\.sh'/);
    const test = readFileSync(seenTest, 'utf8');
    assert.match(test, /cus_42/, 'the replay sends the production body');
    assert.doesNotMatch(test, /canary-/);
    assert.doesNotMatch(test, /-H '(authorization|cookie|x-api-key):/i);
    assert.match(test, /-H 'content-type: application\/json'/);
    assert.equal(checkoutState(repo.dir), before, 'the test was written only into the scratch worktree');
  });
});
