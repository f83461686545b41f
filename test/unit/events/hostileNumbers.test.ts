/**
 * Impossible line and column numbers never reach the model or the JSON contract: every JSON
 * decoder (Sentry SDK and REST, Bugsnag) and the text parsers turn them into null at decode time,
 * and the triage nulls anything impossible that a source map or the drift could still produce.
 */
import assert from 'node:assert/strict';
import { decodeSentrySdkEvent } from '../../../src/core/providers/sentry/sdkEvent';
import { decodeSentryRestEvent } from '../../../src/core/providers/sentry/restEvent';
import { decodeBugsnagEvent } from '../../../src/core/providers/bugsnag/bugsnagEvent';
import { asPosition } from '../../../src/core/decode/valueDecoder';
import { parseStackText } from '../../../src/core/stack/parseStackText';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';

const IMPOSSIBLE: unknown[] = [
  0,
  -1,
  1.5,
  1e23,
  1e308,
  2 ** 31,
  9007199254740992,
  Infinity,
  NaN,
  '0',
  '1e+23',
  '99999999999',
];
const FINE: Array<[unknown, number]> = [
  [1, 1],
  [42, 42],
  ['17', 17],
  [2 ** 31 - 1, 2 ** 31 - 1],
];

describe('impossible line and column numbers are null at decode time', () => {
  it('asPosition accepts 1..2^31-1 integers only', () => {
    for (const v of IMPOSSIBLE) assert.equal(asPosition(v), null, String(v));
    for (const [v, n] of FINE) assert.equal(asPosition(v), n, String(v));
  });

  for (const bad of IMPOSSIBLE.filter((v) => typeof v === 'number')) {
    it(`line/column ${String(bad)} in Sentry SDK, Sentry REST and Bugsnag events`, () => {
      const sdk = decodeSentrySdkEvent({
        exception: {
          values: [{ type: 'E', value: 'v', stacktrace: { frames: [{ filename: 'a.js', lineno: bad, colno: bad }] } }],
        },
      });
      const rest = decodeSentryRestEvent({
        eventID: 'x',
        entries: [
          {
            type: 'exception',
            data: {
              values: [
                { type: 'E', value: 'v', stacktrace: { frames: [{ filename: 'a.js', lineNo: bad, colNo: bad }] } },
              ],
            },
          },
        ],
      });
      const bug = decodeBugsnagEvent({
        exceptions: [
          { errorClass: 'E', message: 'v', stacktrace: [{ file: 'a.js', lineNumber: bad, columnNumber: bad }] },
        ],
      });
      for (const [name, ev] of [
        ['sdk', sdk],
        ['rest', rest],
        ['bugsnag', bug],
      ] as const) {
        const f = ev.exceptions[0]?.frames[0];
        assert.ok(f, `${name}: frame dropped`);
        assert.equal(f.line, null, `${name} line`);
        assert.equal(f.column, null, `${name} column`);
      }
    });
  }

  it('text stacks: digits beyond a position are not a line', () => {
    const parsed = parseStackText('Error: x\n    at f (/app/a.js:99999999999:1)\n    at g (/app/b.js:0:0)\n');
    for (const f of parsed?.exceptions[0]?.frames ?? []) {
      assert.ok(f.line === null || (f.line >= 1 && f.line < 2 ** 31), `line ${f.line}`);
      assert.ok(f.column === null || (f.column >= 1 && f.column < 2 ** 31), `column ${f.column}`);
    }
  });

  it('through the triage: the JSON contract carries null, never 2^53 or 1e+308', async function () {
    this.timeout(30_000);
    const repo = createTempRepo();
    try {
      repo.write('src/a.js', 'x\n');
      repo.commit('a');
      const event = {
        platform: 'node',
        exception: {
          values: [
            {
              type: 'E',
              value: 'v',
              stacktrace: {
                frames: [
                  { filename: `${repo.dir}/src/a.js`, lineno: 9007199254740991, colno: 1e308, in_app: true },
                  { filename: `${repo.dir}/src/a.js`, lineno: 1e23, colno: 0, in_app: true },
                ],
              },
            },
          ],
        },
      };
      const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
      const report = await runTriage(createFileSource(JSON.stringify(event)), ws, {
        limit: 1,
        suspectLimit: 5,
        blameFrames: 12,
      });
      const text = JSON.stringify(report);
      for (const bad of ['9007199254740991', '9007199254740992', '1e+308', '1e+23', '"line":0', '"column":0']) {
        assert.ok(!text.includes(bad), `${bad} in ${text}`);
      }
      for (const f of report.issues[0].frames) {
        for (const n of [f.line, f.column, f.localLine]) assert.ok(n === null || (n >= 1 && n < 2 ** 31), String(n));
      }
    } finally {
      repo.cleanup();
      cleanupTempDirs();
    }
  });
});
