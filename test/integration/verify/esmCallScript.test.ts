/**
 * The generated call script for an ES module (`"type": "module"`, and `.mjs`): the crashing
 * function, exported or not, is called with the event's local variables at each step, and the
 * stack still names the module's own file, so the bisect confirms the bug commit. Real node.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { ALICE, BOB, cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';
import { triageFor } from '../../helpers/verifyRepo';

const pricing = (rate: string, i: number) => `// tuning ${i}
const LIMIT = ${i};
function rateOf(customer) {
  return ${rate};
}
export function quote(items, customer) {
  return items.reduce((s, it) => s + it.price * it.qty, 0) * (1 - rateOf(customer)) + LIMIT * 0;
}
`;

/** v1, five commits (the bug third), v2; `file` is the module, `pkg` the package.json. */
function buildEsmRepo(file: string, pkg: string): { dir: string; bugSha: string } {
  const repo = createTempRepo();
  repo.write('package.json', pkg);
  repo.write(file, pricing('0.1', 0));
  repo.commit('Initial import', { author: ALICE });
  repo.tag('v1');
  let bugSha = '';
  for (let i = 1; i <= 5; i++) {
    repo.write(file, pricing(i >= 3 ? 'customer.loyalty.rate' : '0.1', i));
    const sha = repo.commit(i === 3 ? 'Use loyalty rates' : `Tune ${i}`, { author: i % 2 ? BOB : ALICE });
    if (i === 3) bugSha = sha;
  }
  repo.tag('v2');
  return { dir: repo.dir, bugSha };
}

/** A Sentry event (wire format) of the crash in the unexported rateOf, with its local variables. */
function sentryEvent(file: string): string {
  const frame = (fn: string, line: number, vars: Record<string, unknown>) => ({
    filename: `/srv/app/${file}`,
    module: file.replace(/\.m?js$/, '').replace(/\//g, ':'),
    function: fn,
    lineno: line,
    colno: 19,
    in_app: true,
    vars,
  });
  return JSON.stringify({
    event_id: '0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a',
    platform: 'node',
    release: 'shop@2.0.0',
    environment: 'production',
    exception: {
      values: [
        {
          type: 'TypeError',
          value: "Cannot read properties of undefined (reading 'rate')",
          mechanism: { type: 'onuncaughtexception', handled: false },
          stacktrace: {
            frames: [
              frame('quote', 7, { items: [{ price: 10, qty: 2 }], customer: { tier: 'gold' } }),
              frame('rateOf', 4, { customer: { tier: 'gold' } }),
            ],
          },
        },
      ],
    },
  });
}

describe('verify: the call script for ES modules (real repos, real node)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  const cases = [
    { what: 'a .js file under "type": "module"', file: 'src/pricing.js', pkg: '{ "type": "module" }\n' },
    { what: 'a .mjs file', file: 'src/pricing.mjs', pkg: '{ "name": "shop" }\n' },
  ];
  for (const { what, file, pkg } of cases)
    it(`confirms the bug commit by calling an unexported function of ${what}`, async () => {
      const { dir, bugSha } = buildEsmRepo(file, pkg);
      const { ws, event, issue } = await triageFor(dir, sentryEvent(file), 'event.json', 'v1..v2');
      const out = await verifyIssue(ws, event, issue, { trusted: true, scratchRoot: scratch });
      const ver = out.verification!;
      assert.equal(ver.command, `call rateOf() in ${file} with the event's local variables`);
      assert.equal(ver.status, 'confirmed', `${ver.summary}\n${JSON.stringify(ver.steps, null, 1)}`);
      assert.equal(ver.commit, bugSha);
      assert.match(ver.summary, new RegExp(`same TypeError at ${file.replace('.', '\\.')}:4;`));
      assert.deepEqual(
        ver.steps.slice(0, 2).map((s) => s.result),
        ['good', 'bad'],
      );
      assert.ok(ver.runs! <= 5, `${ver.runs} runs for 5 commits`);
    });
});
