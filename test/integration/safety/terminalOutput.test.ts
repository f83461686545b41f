/**
 * Event text printed by the CLI is data, not terminal commands: titles, function names, raw frames,
 * release names and error messages with ESC/OSC sequences, CR, backspace and bidi overrides come
 * out as visible escapes on the table and on stderr, while --json keeps every character exactly.
 * Runs the built CLI as a user would, on a real repository.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runTriageCli } from '../../helpers/demoScenario';
import { cleanupTempDirs, createTempRepo, makeTempDir, type TempRepo } from '../../helpers/gitRepo';
import { terminalSafe } from '../../../src/cli/terminalText';

const ESC = '\u001b';
const HOSTILE = [
  `${ESC}]0;PWNED-TITLE\u0007`, // window title
  `${ESC}[2J${ESC}[H`, // clear screen
  `${ESC}]52;c;cHduZWQ=\u0007`, // clipboard write
  `${ESC}]8;;https://evil.example/\u001b\\link${ESC}]8;;${ESC}\\`, // hyperlink
  'over\rwrite\b\u009b31m', // CR, backspace, 8-bit CSI
  '\u202etxt.exe', // right-to-left override
];
const hostile = HOSTILE.join(' ');

/** Any character a terminal acts on, other than the newlines between lines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output is escaped; JSON is exact', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let eventFile: string;
  let event: Record<string, unknown>;
  before(() => {
    repo = createTempRepo();
    repo.write('src/app.js', 'function handler() {\n  return null.x;\n}\nmodule.exports = { handler };\n');
    repo.commit(`app ${hostile}`);
    repo.write('src/app.js', 'function handler() {\n  return null.y;\n}\nmodule.exports = { handler };\n');
    repo.commit(`bug ${hostile}`);
    const dir = makeTempDir('culprit-term-');
    event = {
      event_id: 'a'.repeat(32),
      platform: 'node',
      release: `1.0.0${HOSTILE[0]}`,
      exception: {
        values: [
          {
            type: `TypeError${HOSTILE[1]}`,
            value: `Cannot read ${hostile}`,
            stacktrace: {
              frames: [
                {
                  filename: `/srv/lib${HOSTILE[3]}.js`,
                  function: `lib${HOSTILE[2]}`,
                  lineno: 1,
                  colno: 1,
                  in_app: true,
                },
                {
                  filename: `${repo.dir}/src/app.js`,
                  function: `handler${HOSTILE[4]}`,
                  lineno: 2,
                  colno: 10,
                  in_app: true,
                },
              ],
            },
          },
        ],
      },
    };
    eventFile = path.join(dir, 'event.json');
    fs.writeFileSync(eventFile, JSON.stringify(event));
  });
  after(() => {
    repo.cleanup();
    cleanupTempDirs();
  });

  it('the table shows no control character and still names everything (as visible escapes)', async () => {
    const r = await runTriageCli(['--event', eventFile, '--repo', repo.dir, '--deploy', 'HEAD~1..HEAD']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!CONTROL.test(r.stdout), `control character in: ${JSON.stringify(r.stdout)}`);
    assert.ok(!CONTROL.test(r.stderr));
    assert.ok(r.stdout.includes('\\x1b]0;PWNED-TITLE\\x07'), r.stdout);
    assert.ok(r.stdout.includes('handlerover\\rwrite\\x08\\x9b31m'), r.stdout);
    assert.ok(r.stdout.includes('\\u202etxt.exe'));
    // The suspect's summary (a commit message) is escaped too.
    assert.ok(r.stdout.includes('bug \\x1b]0;PWNED-TITLE'), r.stdout);
  });

  it('--json keeps every character exactly', async () => {
    const r = await runTriageCli(['--event', eventFile, '--repo', repo.dir, '--deploy', 'HEAD~1..HEAD', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const issue = report.issues[0];
    assert.equal(issue.release, `1.0.0${HOSTILE[0]}`);
    assert.ok(issue.title.includes(hostile), issue.title);
    assert.equal(issue.frames[0].function, `handler${HOSTILE[4]}`);
    // JSON.stringify escapes C0 controls itself: the JSON text carries no raw ESC either.
    assert.ok(!r.stdout.includes(ESC));
  });

  it('stderr messages escape controls and parse errors quote no input bytes', async () => {
    const bad = path.join(path.dirname(eventFile), 'bad.json');
    fs.writeFileSync(bad, `{"title": x${HOSTILE[0]}SECRET-PAYLOAD-BYTES`);
    const r = await runTriageCli(['--event', bad, '--repo', repo.dir]);
    assert.equal(r.code, 1);
    assert.ok(!CONTROL.test(r.stderr.trimEnd()), JSON.stringify(r.stderr));
    assert.ok(!r.stderr.includes('SECRET-PAYLOAD-BYTES') && !r.stderr.includes('PWNED'), r.stderr);
    assert.match(r.stderr, /does not parse \((malformed JSON|error at character \d+|the JSON ends early)/);
    assert.equal(r.stderr.trim().split('\n').length, 1);

    const unknownKey = path.join(path.dirname(eventFile), 'keys.json');
    fs.writeFileSync(unknownKey, JSON.stringify({ level: 'x', [`k${HOSTILE[1]}`]: 1 }));
    const k = await runTriageCli(['--event', unknownKey, '--repo', repo.dir]);
    assert.equal(k.code, 1);
    assert.ok(!CONTROL.test(k.stderr.trimEnd()) && k.stderr.includes('level'), k.stderr);
  });

  it('terminalSafe escapes every C0/C1 control and bidi mark, and nothing else', () => {
    for (let c = 0; c < 0x2070; c++) {
      const ch = String.fromCharCode(c);
      const out = terminalSafe(`a${ch}b`);
      if (CONTROL.test(ch) && ch !== '\t') assert.ok(!CONTROL.test(out) && out.length > 3, `U+${c.toString(16)}`);
      else if (ch === '\t') assert.equal(out, 'a b');
      else if (ch === '\n') assert.equal(out, 'a\\nb');
      else if (!/[\u061c\u200e\u200f]/.test(ch)) assert.equal(out, `a${ch}b`);
    }
  });
});
