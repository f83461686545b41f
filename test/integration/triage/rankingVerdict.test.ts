// The issue's verdict end to end: a real Node crash in a real repository, ranked by the built CLI.
// When the deploy range only shipped docs and a config file nothing reads, no commit touches what
// ran: the report must say "none of these commits" at low confidence, not crown a bystander.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALICE, BOB, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { runTriageCli } from '../../helpers/demoScenario';

const HANDLER = `'use strict';
function displayName(user) {
  return user.profile.name.trim();
}
function handle(req) {
  return { greeting: 'Hello ' + displayName(req.body.user) };
}
module.exports = { handle };
`;

describe('the ranking verdict on a real crash', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let trace: string;

  before(() => {
    repo = createTempRepo();
    repo.write('src/handler.js', HANDLER);
    repo.write('README.md', '# greeter\n');
    repo.commit('Greet users by name', { author: ALICE });
    repo.tag('v1.0.0');
    repo.write('README.md', '# greeter\n\nSays hello.\n');
    repo.commit('Document the service', { author: BOB });
    repo.write('deploy/notes.txt', 'rollout: canary first\n');
    repo.commit('Add rollout notes', { author: BOB });
    repo.tag('v1.1.0');
    // The crash, for real: production sent a user without a profile.
    const run = spawnSync(
      process.execPath,
      ['-e', "require('./src/handler.js').handle({ body: { user: { id: 7 } } })"],
      { cwd: repo.dir, encoding: 'utf8' },
    );
    assert.match(run.stderr, /TypeError: Cannot read properties of undefined \(reading 'name'\)/);
    trace = path.join(repo.dir, '..', `trace-${process.pid}.txt`);
    writeFileSync(trace, run.stderr.slice(run.stderr.indexOf('TypeError')));
  });
  after(() => repo.cleanup());

  it('says none of these commits, at low confidence, when the range touched nothing that ran', async () => {
    const r = await runTriageCli(['--event', trace, '--repo', repo.dir, '--deploy', 'v1.0.0..v1.1.0', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const issue = JSON.parse(r.stdout).issues[0];
    assert.equal(issue.frames[0].file, 'src/handler.js');
    assert.equal(issue.confidence, 'low');
    assert.match(issue.noSuspect, /no commit in the range touches the code that ran/);
    for (const s of issue.suspects) assert.ok(s.probability < 0.5, `${s.summary}: ${s.probability}`);
    const table = await runTriageCli(['--event', trace, '--repo', repo.dir, '--deploy', 'v1.0.0..v1.1.0']);
    assert.match(table.stdout, /low confidence: likely none of these commits/);
  });

  it('names the commit that changed the crashing line, with a probability, once one did', async () => {
    repo.write('src/handler.js', HANDLER.replace('user.profile.name.trim()', "(user.profile.name || '').trim()"));
    repo.commit('Tolerate a missing name', { author: ALICE });
    repo.tag('v1.2.0');
    const r = await runTriageCli(['--event', trace, '--repo', repo.dir, '--deploy', 'v1.1.0..v1.2.0', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const issue = JSON.parse(r.stdout).issues[0];
    assert.equal(issue.noSuspect, undefined);
    assert.equal(issue.suspects[0].summary, 'Tolerate a missing name');
    assert.ok(issue.suspects[0].probability > 0.5, String(issue.suspects[0].probability));
  });
});
