// The ranking rules on small real repositories: each builds a deploy range with the bug and a
// decoy that the older rules ranked first, and checks the bug now ranks first for the right reason.
import { strict as assert } from 'node:assert';
import { collectEvidence } from '../../../src/core/suspects/collectEvidence';
import { rankSuspects } from '../../../src/core/suspects/suspectRanker';
import type { BlameFrame } from '../../../src/core/suspects/suspectPort.types';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';

function lineOf(repo: TempRepo, path: string, text: string): number {
  const n =
    repo
      .read(path)
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1;
  assert.ok(n > 0, `${text} not in ${path}`);
  return n;
}

function edit(repo: TempRepo, path: string, from: string, to: string): void {
  const before = repo.read(path);
  assert.ok(before.includes(from), `${from} not in ${path}`);
  repo.write(path, before.replace(from, to));
}

async function rank(
  repo: TempRepo,
  frames: Array<[string, string, string]>,
  tokens: string[],
  keyTokens: string[] = [],
) {
  const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
  const port = ws.git?.suspectPort();
  assert.ok(port);
  const blameFrames: BlameFrame[] = frames.map(([path, text, fn], depth) => ({
    depth,
    path,
    line: lineOf(repo, path, text),
    function: fn,
  }));
  const found = await collectEvidence(port, {
    mode: 'range',
    from: repo.sha('v1'),
    to: repo.sha('v2'),
    frames: blameFrames,
    tokens,
    keyTokens,
  });
  return { found, suspects: rankSuspects(found.evidence, found.commits, { mode: 'range', rangeLabel: null }) };
}

describe('suspect rules on real repositories', function () {
  this.timeout(20_000);
  after(cleanupTempDirs);

  it('follows the crashing value to the caller that produced it, past a nearer unrelated change', async () => {
    const repo = createTempRepo();
    repo.write(
      'format.js',
      'function summary(customer, total) {\n  const city = customer.address.city;\n  return `${customer.name} ${city} ${total}`;\n}\nmodule.exports = { summary };\n',
    );
    repo.write(
      'orders.js',
      "const { summary } = require('./format');\nfunction place(customer, items) {\n  const lines = items.slice();\n  const total = lines.length;\n  return summary(customer, total);\n}\nmodule.exports = { place };\n",
    );
    repo.write(
      'handler.js',
      "const { place } = require('./orders');\nfunction handle(req) {\n  const customer = find(req.id);\n  const items = req.items;\n  return place(customer, items);\n}\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(
      repo,
      'handler.js',
      'const customer = find(req.id);',
      'const customer = { ...find(req.id), address: req.shipping };',
    );
    const bug = repo.commit('Ship to the request address', { author: BOB });
    edit(repo, 'orders.js', 'const lines = items.slice();', 'const lines = [...items];');
    const decoy = repo.commit('Spread the items', { author: CAROL });
    edit(repo, 'orders.js', '  return summary(customer, total);', '  return String(summary(customer, total));');
    const around = repo.commit('Summaries are strings', { author: ALICE });
    repo.tag('v2');
    const { found, suspects } = await rank(
      repo,
      [
        ['format.js', 'customer.address.city', 'summary'],
        ['orders.js', 'summary(customer, total)', 'place'],
        ['handler.js', 'place(customer, items)', 'handle'],
      ],
      ['city', 'customer', 'address'],
    );
    assert.equal(suspects[0].sha, bug, JSON.stringify(suspects.map((s) => [s.summary, s.score, s.reasons[0]])));
    assert.match(
      suspects[0].reasons[0],
      /computes a value that reaches the crash through line 5, 2 calls up the stack/,
    );
    assert.ok(
      found.evidence.some((e) => e.sha === decoy && e.offFlow),
      'the spread touches none of the names reaching the crash',
    );
    assert.ok(
      found.evidence.some((e) => e.sha === around && e.kind === 'around'),
      'the call line changed around the call, not its arguments',
    );
  });

  it('links a changed argument and a changed parameter default to the crash', async () => {
    const repo = createTempRepo();
    repo.write(
      'money.js',
      "function money(amount, currency = 'EUR') {\n  const sign = currency.toUpperCase();\n  return `${amount} ${sign}`;\n}\nfunction summary(order) {\n  const n = order.lines.length;\n  return money(order.total, order.currency);\n}\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'money.js', "function money(amount, currency = 'EUR') {", 'function money(amount, currency) {');
    const bug = repo.commit('Currency from the order');
    edit(repo, 'money.js', 'const n = order.lines.length;', 'const n = order.lines.length || 0;');
    repo.commit('Count lines safely', { author: BOB });
    repo.tag('v2');
    const { suspects } = await rank(
      repo,
      [
        ['money.js', 'currency.toUpperCase()', 'money'],
        ['money.js', 'return money(', 'summary'],
      ],
      ['toUpperCase', 'sign', 'currency'],
    );
    assert.equal(suspects[0].sha, bug, JSON.stringify(suspects.map((s) => [s.summary, s.reasons[0]])));
    assert.match(suspects[0].reasons[0], /reaches the crash through line 2, the crashing frame/);
  });

  it('names the commit that removed the key the error reports missing, ignoring case', async () => {
    const repo = createTempRepo();
    repo.write('settings.py', 'CAP = 0.5\nRATES = {"WELCOME": 0.05, "SPRING": 0.1}\n');
    repo.write(
      'pricing.py',
      'from settings import RATES, CAP\n\n\ndef rate(code):\n    r = RATES[code]\n    return min(CAP, r)\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'settings.py', 'RATES = {"WELCOME": 0.05, "SPRING": 0.1}', 'RATES = {"SPRING": 0.1}');
    const bug = repo.commit('End the welcome campaign', { author: BOB });
    edit(repo, 'pricing.py', '    return min(CAP, r)', '    return min(CAP, r, 0.4)');
    repo.commit('Cap at 40%', { author: CAROL });
    repo.tag('v2');
    // A lower-case key still matches the settings' upper-case name.
    const { suspects } = await rank(
      repo,
      [['pricing.py', 'r = RATES[code]', 'rate']],
      ['RATES', 'code', 'welcome'],
      ['welcome'],
    );
    assert.equal(suspects[0].sha, bug, JSON.stringify(suspects.map((s) => [s.summary, s.reasons[0]])));
    assert.match(
      suspects[0].reasons[0],
      /removed 'welcome' from settings\.py, the name the error reports missing or null/,
    );
  });

  it('prefers the earlier rewrite of the crashing line that wrote the key, over the later one blame names', async () => {
    const repo = createTempRepo();
    repo.write(
      'format.py',
      'def money(x):\n    return "%.2f" % x\n\n\ndef summary(customer):\n    city = customer["address"]["city"]\n    return city\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'format.py', 'customer["address"]["city"]', 'customer["shipping"]["city"]');
    const bug = repo.commit('City from the shipping address', { author: BOB });
    edit(repo, 'format.py', 'def money(x):\n', '# Money.\ndef money(x):\n');
    repo.commit('Document money', { author: ALICE });
    edit(repo, 'format.py', 'customer["shipping"]["city"]', 'customer["shipping"]["city"].upper()');
    const later = repo.commit('Upper-case cities', { author: CAROL });
    repo.tag('v2');
    const { found, suspects } = await rank(
      repo,
      [['format.py', 'city = customer[', 'summary']],
      ['city', 'customer', 'shipping'],
      ['shipping'],
    );
    assert.equal(suspects[0].sha, bug, JSON.stringify(suspects.map((s) => [s.summary, s.reasons[0]])));
    assert.match(suspects[0].reasons[0], /writing 'shipping' that the error names \(a later commit rewrote it again\)/);
    assert.ok(found.evidence.some((e) => e.sha === later && e.kind === 'line' && e.carried));
  });
});
