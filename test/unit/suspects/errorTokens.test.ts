import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  failingNames,
  keyHits,
  keyTokens,
  lineTokens,
  messageTokens,
  tokenHits,
} from '../../../src/core/suspects/errorTokens';

/** What a runtime says for a crashing line: the message is produced by really running it. */
function nodeMessage(line: string): string {
  return execFileSync(
    process.execPath,
    [
      '-e',
      `try { const customer = { name: 'x' }; const d = {}; ${line} } catch (e) { process.stdout.write(e.message) }`,
    ],
    { encoding: 'utf8' },
  );
}

function pythonMessage(line: string): string {
  return execFileSync(
    'python3',
    [
      '-c',
      `customer = {"name": "x"}\nrates = {"SPRING": 0.1}\ntry:\n    ${line}\nexcept Exception as e:\n    print(str(e), end="")`,
    ],
    { encoding: 'utf8' },
  );
}

describe('errorTokens', () => {
  it('takes quoted names from V8, Python and Ruby messages', () => {
    assert.deepEqual(messageTokens("Cannot read properties of undefined (reading 'discountRate')"), ['discountRate']);
    assert.deepEqual(messageTokens("'NoneType' object has no attribute 'rate'"), ['NoneType', 'rate']);
    assert.deepEqual(messageTokens("KeyError: 'loyalty'"), ['loyalty']);
    assert.deepEqual(messageTokens("undefined method `discount' for nil"), ['discount']);
  });
  it('takes dotted names and ignores keywords', () => {
    assert.deepEqual(messageTokens('customer.loyalty is undefined'), ['customer', 'loyalty']);
    assert.deepEqual(messageTokens(null), []);
  });
  it('takes identifiers from code, not strings or keywords', () => {
    assert.deepEqual(lineTokens("  const rate = customer.loyalty.discountRate; // 'quoted'"), [
      'rate',
      'customer',
      'loyalty',
      'discountRate',
    ]);
  });
  it('matches whole words only', () => {
    assert.deepEqual(tokenHits(['rate', 'loyalty'], 'const rated = x.loyalty;'), ['loyalty']);
  });
  describe('keyTokens (messages from real runtimes)', function () {
    this.timeout(15_000);
    it('names the missing key that the crashing line does not contain', () => {
      const line = 'rate = rates[code]';
      assert.deepEqual(keyTokens(pythonMessage('rates["WELCOME"]'), line), ['WELCOME']);
      // A quoted key that is also code on the line is not a key beyond it; a string literal is.
      assert.deepEqual(
        keyTokens(pythonMessage('customer["shipping"]["city"]'), '    city = customer["shipping"]["city"]'),
        ['shipping'],
      );
    });
    it('names the value that was undefined or None, from the line', () => {
      const line = 'const city = customer.address.city;';
      assert.deepEqual(keyTokens(nodeMessage(line), line), ['address']);
      assert.deepEqual(
        keyTokens(pythonMessage('customer.get("address").city'), '    city = customer.get("address").city'),
        [],
      );
    });
    it('names the null field of a Java NullPointerException', function () {
      const dir = mkdtempSync(path.join(tmpdir(), 'culprit-npe-'));
      try {
        writeFileSync(
          path.join(dir, 'Npe.java'),
          'public class Npe {\n  static class Address { String city; }\n  static class Customer { Address address; }\n  static String city(Customer customer) { return customer.address.city; }\n  public static void main(String[] a) {\n    try { city(new Customer()); } catch (NullPointerException e) { System.out.print(e.getMessage()); }\n  }\n}\n',
        );
        let message: string;
        try {
          message = execFileSync('java', [path.join(dir, 'Npe.java')], { encoding: 'utf8' });
        } catch {
          this.skip();
          return;
        }
        assert.deepEqual(keyTokens(message, '    return customer.address.city;'), ['address']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it('matches keys as whole words ignoring case', () => {
      assert.deepEqual([...keyHits(['address', 'WELCOME'], 'new Customer.Address("x"); welcomed')], ['address']);
      assert.deepEqual(keyTokens(null, 'x'), []);
    });
  });
});

describe('failingNames (messages from real runtimes)', function () {
  this.timeout(20_000);
  const php = (code: string): string | null => {
    try {
      return execFileSync('php', ['-d', 'display_errors=stderr', '-r', code], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch {
      return null;
    }
  };
  it('names what V8 could not iterate', () => {
    assert.deepEqual(failingNames(nodeMessage('for (const x of customer.items) {}')), ['items']);
  });
  it('names the member PHP called on null and the parameter its TypeError rejected', function () {
    const call = php('$o = null; try { $o->total(); } catch (Error $e) { echo $e->getMessage(); }');
    const arg = php('function f(float $rate) {} try { f(null); } catch (TypeError $e) { echo $e->getMessage(); }');
    if (call === null || arg === null) this.skip(); // php is installed by scripts/toolchains.mjs
    assert.deepEqual(failingNames(call), ['total']);
    assert.deepEqual(failingNames(arg), ['rate']);
  });
});
