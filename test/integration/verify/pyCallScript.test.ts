/**
 * The generated call script for Python: the crashing function is called with the event's local
 * variables as keyword arguments at each step, and the bisect confirms the bug commit by the same
 * KeyError from the same frame. Real repos, real python3.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyIssue } from '../../../src/core/verify';
import { ALICE, BOB, cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';
import { triageFor } from '../../helpers/verifyRepo';

const pricing = (read: string, i: number) => `# revision ${i}
RATES = {"gold": 0.1, "silver": 0.05}


def discount_for(customer, amount):
    rate = ${read}
    return amount * (1 - rate)
`;

/** A Sentry Python event (wire format) of the KeyError in discount_for, with its local variables. */
function sentryEvent(): string {
  const vars = { customer: { id: 'cus_42', tier: 'platinum' }, amount: 20 };
  return JSON.stringify({
    event_id: '3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f',
    platform: 'python',
    environment: 'production',
    exception: {
      values: [
        {
          type: 'KeyError',
          value: "'platinum'",
          module: null,
          stacktrace: {
            frames: [
              {
                filename: 'app/pricing.py',
                abs_path: '/srv/app/app/pricing.py',
                module: 'app.pricing',
                function: 'discount_for',
                lineno: 6,
                in_app: true,
                vars,
              },
            ],
          },
        },
      ],
    },
  });
}

describe('verify: the call script for Python (real repos, real python3)', function () {
  this.timeout(120_000);
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(path.join(tmpdir(), 'culprit-scratch-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));
  after(cleanupTempDirs);

  it('confirms the bug commit by calling the crashing function with the frame variables', async () => {
    const repo = createTempRepo();
    repo.write('app/__init__.py', '');
    repo.write('app/pricing.py', pricing('RATES.get(customer["tier"], 0)', 0));
    repo.commit('Initial import', { author: ALICE });
    repo.tag('v1');
    let bugSha = '';
    for (let i = 1; i <= 6; i++) {
      repo.write('app/pricing.py', pricing(i >= 4 ? 'RATES[customer["tier"]]' : 'RATES.get(customer["tier"], 0)', i));
      const sha = repo.commit(i === 4 ? 'Rates: index directly' : `Tune ${i}`, { author: i % 2 ? BOB : ALICE });
      if (i === 4) bugSha = sha;
    }
    repo.tag('v2');
    const { ws, event, issue } = await triageFor(repo.dir, sentryEvent(), 'event.json', 'v1..v2');
    const out = await verifyIssue(ws, event, issue, { trusted: true, scratchRoot: scratch });
    const ver = out.verification!;
    assert.equal(ver.command, "call discount_for() in app/pricing.py with the event's local variables");
    assert.equal(ver.status, 'confirmed', `${ver.summary}\n${JSON.stringify(ver.steps, null, 1)}`);
    assert.equal(ver.commit, bugSha);
    assert.match(ver.summary, /same KeyError at app\/pricing\.py:6;/);
    assert.ok(ver.runs <= 5, `${ver.runs} runs for 6 commits`);
  });
});
