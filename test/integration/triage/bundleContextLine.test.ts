// A frame in a published bundle that git does not track and that ships without a map
// (`lib/index.js`, built by esbuild from `src/`): placed on the source by the line text the real
// @sentry/node event carries (scripts/fixtures/capture/capture-sentry-bundle.mjs), found in the
// tree at the deployed tag, then followed to today's line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { placementText } from '../../../src/core/present/placement';
import { cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

const events = path.resolve(__dirname, '../../fixtures/events');
const eventText = fs.readFileSync(path.join(events, 'sentry-bundle-event.json'), 'utf8');
const { files } = JSON.parse(fs.readFileSync(path.join(events, 'sentry-bundle-repo.json'), 'utf8')) as {
  files: Record<string, string>;
};

/** The bundled event triaged with its release taken out, so the tree searched comes from tags or HEAD. */
async function triageWithoutRelease(repo: TempRepo) {
  const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
  const event = JSON.parse(eventText) as Record<string, unknown>;
  return runTriage(createFileSource(JSON.stringify({ ...event, release: undefined })), ws, {
    limit: 1,
    suspectLimit: 3,
    blameFrames: 5,
  });
}

describe('a bundle without a map, placed by its context lines', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  before(() => {
    repo = createTempRepo();
    for (const [name, text] of Object.entries(files)) repo.write(name, text);
    repo.commit('quotes package');
    repo.tag('v2.3.0');
    // After the deploy: two lines above the crash line, which itself stays.
    const rates = files['src/rates.js'];
    repo.write(
      'src/rates.js',
      rates.replace('function tierRate', '// Tiers come from the profile.\n\nfunction tierRate'),
    );
    repo.commit('Document where tiers come from');
  });
  after(() => {
    repo?.cleanup();
    cleanupTempDirs();
  });

  async function frames(deploy?: string) {
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const report = await runTriage(createFileSource(eventText), ws, {
      limit: 1,
      suspectLimit: 3,
      blameFrames: 5,
      ...(deploy ? { deployFlag: deploy } : {}),
    });
    return report.issues[0].frames;
  }

  it('lands the bundle frames on their sources at the deployed tag, and says how', async () => {
    const [crash, caller] = await frames('v2.3.0');
    assert.deepEqual(
      [crash.file, crash.line, crash.localLine, crash.function, crash.inApp, crash.placedBy],
      ['src/rates.js', 6, 8, 'tierRate', true, 'context-line'],
    );
    assert.deepEqual([caller.file, caller.line, caller.placedBy], ['src/quote.js', 7, 'context-line']);
    // Not the same-named src/index.js the path matched by file name alone.
    assert.match(crash.raw, /lib\/index\.js:17/);
  });

  it('with no release named, placed in the tree of the tag whose files hold its lines', async () => {
    const report = await triageWithoutRelease(repo);
    const [crash] = report.issues[0].frames;
    assert.equal(report.issues[0].deploy.source, 'tags');
    assert.deepEqual([crash.file, crash.line, crash.localLine, crash.placedBy], ['src/rates.js', 6, 8, 'context-line']);
  });

  it("the consuming service's own frames are not in this repository: they stay unresolved", async () => {
    const all = await frames('v2.3.0');
    const server = all.filter((f) => f.raw.includes('server.js'));
    assert.ok(server.length > 0);
    for (const f of server) assert.equal(f.file, null, f.raw);
  });
});

describe('a bundle without a map whose line text is in no file of the tree', function () {
  this.timeout(120_000);
  let repo: TempRepo;
  let built: string;
  let fix: string;
  before(() => {
    repo = createTempRepo();
    for (const [name, text] of Object.entries(files)) repo.write(name, text);
    built = repo.commit('quotes package');
    // No tag, no release: the tree searched is HEAD's, where a fix has since rewritten the crash line.
    repo.write(
      'src/rates.js',
      files['src/rates.js'].replace('customer.profile.tier;', 'customer.profile?.tier ?? "standard";'),
    );
    fix = repo.commit('Default the tier of a customer without a profile');
  });
  after(() => {
    repo?.cleanup();
    cleanupTempDirs();
  });

  it("is placed in the revision of the tree's history that holds it (git log -S), and followed to today", async () => {
    const report = await triageWithoutRelease(repo);
    const issue = report.issues[0];
    assert.equal(issue.deploy.source, 'none');
    const [crash, caller] = issue.frames;
    assert.deepEqual(
      [crash.file, crash.line, crash.placedBy, crash.placedAt, crash.localLine],
      ['src/rates.js', 6, 'context-line', built, 6],
    );
    assert.ok(crash.changedSince && 'sha' in crash.changedSince, JSON.stringify(crash.changedSince));
    assert.equal(crash.changedSince.sha, fix);
    assert.match(
      placementText(crash) ?? '',
      new RegExp(`^placed by its line text at ${built.slice(0, 7)} .*git log -S`),
    );
    // The caller's line is still in HEAD's tree: placed there, with no revision named.
    assert.deepEqual(
      [caller.file, caller.line, caller.placedBy, caller.placedAt],
      ['src/quote.js', 7, 'context-line', undefined],
    );
  });
});
