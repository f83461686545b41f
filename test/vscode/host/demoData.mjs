// The demo service as a VS Code workspace: its real git history, a real @sentry/node event of its
// 500 captured from the deployed v1.5.0 (SDK wire format and the REST shape the Sentry API
// serves), written next to the folder (outside it, like a downloaded event).
import { chmodSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { buildDemoRepo } from '../../../scripts/demo/buildDemoRepo.mjs';
import { captureDemoEvent } from '../../../scripts/demo/captureDemoEvent.mjs';
import { toRestEvent } from '../../../scripts/fixtures/capture/sentryRestConverter.mjs';

/**
 * @param {string} dir the empty workspace folder
 * @param {{ fsmonitorMarker?: boolean }} [options] set core.fsmonitor to a program that leaves a
 *   marker file when git runs it (proves git never ran in an untrusted folder)
 */
export async function prepareDemo(dir, options = {}) {
  const { commits } = buildDemoRepo(dir);
  const sha = (message) => {
    const hit = commits.find((c) => c.message === message);
    if (!hit) throw new Error(`no demo commit '${message}'`);
    return hit.sha;
  };
  const parent = path.dirname(dir);
  const { event } = await captureDemoEvent({
    repo: dir,
    rev: 'v1.5.0',
    deployDir: path.join(parent, 'deploy', 'app'),
    release: 'orders-api@1.5.0',
  });
  const eventFile = path.join(parent, 'orders-api-500.json');
  writeFileSync(eventFile, JSON.stringify(event, null, 2));
  let marker = null;
  if (options.fsmonitorMarker) {
    marker = path.join(parent, 'git-ran.marker');
    const hook = path.join(parent, 'fsmonitor-hook.sh');
    writeFileSync(hook, `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`);
    chmodSync(hook, 0o755);
    execFileSync('git', ['config', 'core.fsmonitor', hook], { cwd: dir });
  }
  return {
    repo: dir,
    commits,
    eventFile,
    restEvent: toRestEvent(event),
    releases: [
      { version: 'orders-api@1.4.0', commit: sha('Release 1.4.0'), dateCreated: '2026-09-29T10:00:00Z' },
      { version: 'orders-api@1.5.0', commit: sha('Release 1.5.0'), dateCreated: '2026-10-21T09:00:00Z' },
    ],
    bugSha: sha('Use loyalty programme rates for discounts'),
    marker,
  };
}
