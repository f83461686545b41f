// Real crashes from other languages and layouts: each scenario builds a repository with decoys in
// the deploy range and work after it, runs the deployed revision with the real runtime until it
// crashes, and triages the text it printed with the built CLI.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALICE, BOB, CAROL, DAN, createTempRepo, makeTempDir, type TempRepo } from '../../helpers/gitRepo';

const cli = path.resolve(__dirname, '../../../dist/cli.js');

interface Scenario {
  name: string;
  base: Record<string, string>;
  /** [file, search, replace] edits. */
  decoys: Array<[string, string, string]>;
  bug: [string, string, string];
  post: [string, string, string];
  /** Runs the deployed tree in `dir`, returns what the crash printed. */
  run(dir: string): string;
  /** How the trace is handed to the CLI (default: the raw text). */
  wrap?: (text: string) => string;
  deployArgs: string[];
  expect: { file: string; line: number; localLine: number; function: string };
}

function edit(repo: TempRepo, [file, from, to]: [string, string, string]): void {
  const text = repo.read(file);
  assert.ok(text.includes(from), `${file} lacks ${from}`);
  repo.write(file, text.replace(from, to));
}

function crashOutput(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.notEqual(r.status, 0, `${cmd} did not crash: ${r.stdout}`);
  return r.stderr;
}

const python: Scenario = {
  name: 'Python traceback, deployed under /srv/app',
  base: {
    'app/__init__.py': '',
    'app/services/__init__.py': '',
    'app/services/pricing.py':
      'TIERS = {"gold": 0.1, "standard": 0.0}\n\n\ndef subtotal(items):\n    return sum(i["price"] * i["qty"] for i in items)\n\n\ndef apply_discount(amount, customer):\n    rate = TIERS.get(customer.get("tier"), 0.0)\n    return amount * (1 - rate)\n\n\ndef quote(items, customer):\n    amount = subtotal(items)\n    return round(apply_discount(amount, customer), 2)\n',
    'app/handler.py':
      'from app.services.pricing import quote\n\n\ndef handle(order):\n    customer = {"id": order["customer"], "tier": "standard"}\n    total = quote(order["items"], customer)\n    return {"total": total}\n',
    'main.py':
      'import json\n\nfrom app.handler import handle\n\nif __name__ == "__main__":\n    print(json.dumps(handle({"customer": "c1", "items": [{"price": 3, "qty": 2}]})))\n',
  },
  decoys: [
    [
      'app/services/pricing.py',
      '    return round(apply_discount(amount, customer), 2)',
      '    discounted = apply_discount(amount, customer)\n    return round(discounted, 2)',
    ],
    ['app/services/pricing.py', '    return amount * (1 - rate)', '    return amount * (1.0 - rate)'],
    ['app/handler.py', '"tier": "standard"}', '"tier": "standard", "name": "x"}'],
  ],
  bug: [
    'app/services/pricing.py',
    '    rate = TIERS.get(customer.get("tier"), 0.0)',
    '    rate = customer["loyalty"]["rate"]',
  ],
  post: ['app/services/pricing.py', 'TIERS = {', 'import logging\n\nLOG = logging.getLogger(__name__)\nTIERS = {'],
  run: (dir) => crashOutput('python3', ['main.py'], dir),
  deployArgs: ['--deploy', 'v2.0.0..v2.1.0'],
  expect: { file: 'app/services/pricing.py', line: 9, localLine: 12, function: 'apply_discount' },
};

const java: Scenario = {
  name: 'Java with a Caused by chain, Maven layout',
  base: {
    'src/main/java/com/acme/orders/Pricing.java':
      'package com.acme.orders;\n\nimport java.util.Map;\n\npublic class Pricing {\n    private static final Map<String, Double> TIERS = Map.of("gold", 0.1, "standard", 0.0);\n\n    public static double applyDiscount(double amount, Customer customer) {\n        double rate = TIERS.getOrDefault(customer.tier, 0.0);\n        return amount * (1 - rate);\n    }\n\n    public static double quote(double amount, Customer customer) {\n        return Math.round(applyDiscount(amount, customer) * 100) / 100.0;\n    }\n}\n',
    'src/main/java/com/acme/orders/Customer.java':
      'package com.acme.orders;\n\npublic class Customer {\n    public String tier = "standard";\n    public Loyalty loyalty;\n\n    public static class Loyalty {\n        public double rate;\n    }\n}\n',
    'src/main/java/com/acme/orders/App.java':
      'package com.acme.orders;\n\npublic class App {\n    static double handle(double amount) {\n        try {\n            return Pricing.quote(amount, new Customer());\n        } catch (RuntimeException e) {\n            throw new IllegalStateException("could not price order", e);\n        }\n    }\n\n    public static void main(String[] args) {\n        System.out.println(handle(12.5));\n    }\n}\n',
  },
  decoys: [
    [
      'src/main/java/com/acme/orders/App.java',
      '            return Pricing.quote(amount, new Customer());',
      '            Customer customer = new Customer();\n            return Pricing.quote(amount, customer);',
    ],
    [
      'src/main/java/com/acme/orders/Customer.java',
      'public String tier = "standard";',
      'public String tier = "standard"; // default tier',
    ],
  ],
  bug: [
    'src/main/java/com/acme/orders/Pricing.java',
    '        double rate = TIERS.getOrDefault(customer.tier, 0.0);',
    '        double rate = customer.loyalty.rate;',
  ],
  post: [
    'src/main/java/com/acme/orders/Pricing.java',
    'public class Pricing {\n',
    'public class Pricing {\n    // Rates are fractions of one.\n',
  ],
  run: (dir) => {
    const files = execFileSync('find', ['src', '-name', '*.java'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    execFileSync('javac', ['-d', 'out', ...files], { cwd: dir });
    return crashOutput('java', ['-cp', 'out', 'com.acme.orders.App'], dir);
  },
  deployArgs: ['--deploy', 'v2.0.0..v2.1.0'],
  expect: { file: 'src/main/java/com/acme/orders/Pricing.java', line: 9, localLine: 10, function: 'applyDiscount' },
};

const nodeJsonLog: Scenario = {
  name: 'Node stack inside a JSON log line, release from the log',
  base: {
    'lib/cart.js':
      "'use strict';\nfunction total(cart) {\n  let sum = 0;\n  for (const line of cart.lines) {\n    sum += line.price * line.qty;\n  }\n  return sum;\n}\nmodule.exports = { total };\n",
    'lib/checkout.js':
      "'use strict';\nconst { total } = require('./cart');\nfunction checkout(cart) {\n  const amount = total(cart);\n  return { amount };\n}\nmodule.exports = { checkout };\n",
    'index.js':
      "'use strict';\nconst { checkout } = require('./lib/checkout');\ntry {\n  checkout({ items: [{ price: 2, qty: 1 }] });\n} catch (err) {\n  console.error(JSON.stringify({ level: 'error', msg: 'checkout failed', version: '2.1.0', stack: err.stack }));\n  process.exit(1);\n}\n",
  },
  decoys: [
    ['lib/cart.js', '  return sum;', '  return Math.round(sum * 100) / 100;'],
    ['lib/checkout.js', '  return { amount };', '  return { amount, currency: "EUR" };'],
  ],
  bug: ['lib/cart.js', '  for (const line of cart.lines) {', '  for (const line of cart.lines.filter(Boolean)) {'],
  post: ['lib/cart.js', "'use strict';\n", "'use strict';\n// Cart arithmetic.\n"],
  run: (dir) => crashOutput(process.execPath, ['index.js'], dir),
  deployArgs: [],
  expect: { file: 'lib/cart.js', line: 4, localLine: 5, function: 'total' },
};

describe('culprit triage on real crashes from other runtimes', function () {
  this.timeout(60_000);
  for (const s of [python, java, nodeJsonLog]) {
    it(`${s.name}: resolves the frames and names the bug commit`, () => {
      const repo = createTempRepo();
      try {
        for (const [file, text] of Object.entries(s.base)) repo.write(file, text);
        repo.commit('Initial service', { author: ALICE, date: '2026-03-01T10:00:00Z' });
        repo.tag('v2.0.0', { message: 'deploy v2.0.0' });
        const authors = [BOB, CAROL, DAN];
        s.decoys
          .slice(0, 1)
          .forEach(
            (d, i) => (
              edit(repo, d),
              repo.commit(`Decoy ${i}`, { author: authors[i % 3], date: `2026-03-0${2 + i}T10:00:00Z` })
            ),
          );
        edit(repo, s.bug);
        const bug = repo.commit('The bug', { author: CAROL, date: '2026-03-05T10:00:00Z' });
        s.decoys
          .slice(1)
          .forEach(
            (d, i) => (
              edit(repo, d),
              repo.commit(`Late decoy ${i}`, { author: authors[(i + 1) % 3], date: `2026-03-0${6 + i}T10:00:00Z` })
            ),
          );
        repo.tag('v2.1.0', { message: 'deploy v2.1.0' });
        edit(repo, s.post);
        repo.commit('After the deploy', { author: DAN, date: '2026-03-12T10:00:00Z' });

        const deployDir = path.join(makeTempDir('culprit-deploy-'), 'srv', 'app');
        mkdirSync(deployDir, { recursive: true });
        execFileSync('tar', ['-x', '-C', deployDir], {
          input: execFileSync('git', ['archive', 'v2.1.0'], { cwd: repo.dir }),
        });
        const trace = s.run(deployDir);
        const traceFile = path.join(deployDir, '..', 'trace.txt');
        writeFileSync(traceFile, s.wrap ? s.wrap(trace) : trace);

        const r = spawnSync(
          process.execPath,
          [cli, 'triage', '--event', traceFile, '--repo', repo.dir, ...s.deployArgs, '--json'],
          { encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stderr);
        const issue = JSON.parse(r.stdout).issues[0];
        assert.equal(issue.deploy.to, repo.sha('v2.1.0'), trace);
        assert.equal(issue.deploy.from, repo.sha('v2.0.0'));
        const top = issue.frames[0];
        assert.deepEqual(
          { file: top.file, line: top.line, localLine: top.localLine, function: top.function },
          s.expect,
          trace,
        );
        assert.equal(issue.suspects[0].sha, bug, JSON.stringify(issue.suspects, null, 1));
        for (const f of issue.frames) if (f.file) assert.ok(!f.file.startsWith('/') && !f.file.includes('..'));
      } finally {
        repo.cleanup();
      }
    });
  }
});
