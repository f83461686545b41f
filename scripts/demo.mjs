// `npm run demo`: builds the sample service repository, captures a real Sentry SDK event of its
// production 500 from the deployed revision, and triages it with the CLI. No account, no network.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoRepo } from './demo/buildDemoRepo.mjs';
import { captureDemoEvent } from './demo/captureDemoEvent.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(projectRoot, '.demo');
const repo = path.join(work, 'orders-api');
mkdirSync(work, { recursive: true });

console.log(`Building the sample service repository in ${path.relative(process.cwd(), repo)} …`);
buildDemoRepo(repo);
console.log('Running the deployed revision v1.5.0 with @sentry/node and sending the order that fails …');
const { envelope, event } = await captureDemoEvent({
  repo,
  rev: 'v1.5.0',
  deployDir: path.join(work, 'deploy', 'app'),
  release: 'orders-api@1.5.0',
});
const eventFile = path.join(work, 'sentry-event.json');
writeFileSync(eventFile, JSON.stringify(event, null, 2));
writeFileSync(path.join(work, 'sentry-envelope.txt'), envelope);
console.log(`Captured event ${event.event_id} → ${path.relative(process.cwd(), eventFile)}\n`);

const args = [
  path.join(projectRoot, 'dist', 'cli.js'),
  'triage',
  '--event',
  eventFile,
  '--repo',
  repo,
  ...process.argv.slice(2),
];
console.log(
  `$ culprit triage --event ${path.relative(process.cwd(), eventFile)} --repo ${path.relative(process.cwd(), repo)} ${process.argv.slice(2).join(' ')}\n`,
);
process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
