// Rules added after the fresh sets showed the cause below the stack: a producer two calls under a
// helper that returned null, a helper whose result lost its rounding, and an exception class whose
// base changed so its handler stopped catching it. Pure parts on inputs, the ranking on real git.
import { strict as assert } from 'node:assert';
import { hunk } from '../../helpers/patchHunk';
import { collectEvidence } from '../../../src/core/suspects/collectEvidence';
import { failingNames, isMissingKeyError, isNullishError } from '../../../src/core/suspects/errorTokens';
import { keepsEveryKey } from '../../../src/core/suspects/operandSource';
import { declaredBase, errorClassName } from '../../../src/core/suspects/hierarchyEvidence';
import { isNormalizerRemoved } from '../../../src/core/suspects/normalizerShape';
import { isConstantExtraction } from '../../../src/core/suspects/constantExtraction';
import { returnedCalls } from '../../../src/core/suspects/producerChain';
import { rankSuspects } from '../../../src/core/suspects/suspectRanker';
import type { BlameFrame } from '../../../src/core/suspects/suspectPort.types';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { edit, lineOf, rankRange, type FrameSpec } from '../../helpers/rankingRepo';

describe('producer rules: pure parts', () => {
  it('calls a literal replaced by a constant defined with it an extraction, a changed value not', () => {
    assert.ok(
      isConstantExtraction([
        hunk(['        out.write(line + b"\\n")'], ['        out.write(line + self.NEWLINE)']),
        hunk([], ['    NEWLINE = b"\\n"']),
      ]),
    );
    assert.ok(
      isConstantExtraction([
        hunk(['    return get("/v1/q/" + p);'], ['    return get(PATH + p);']),
        hunk([], ['    private static final String PATH = "/v1/q/";']),
      ]),
    );
    assert.ok(
      !isConstantExtraction([hunk(['  x = 60000 * m'], ['  x = WINDOW * m']), hunk([], ['const WINDOW = 6000;'])]),
      'another value',
    );
    assert.ok(
      !isConstantExtraction([hunk(['  x = 60000 * m'], ['  x = WINDOW * m'])]),
      'defined elsewhere, value unknown',
    );
    assert.ok(!isConstantExtraction([hunk([], ['const WINDOW = 6000;'])]), 'nothing replaced');
  });

  it('reads the calls a function returns and whether it returns a null literal', () => {
    const lines = [
      'function findOne(col, v) {',
      '  const rows = scan(col);',
      '  log(rows);',
      '  return rows.find((r) => match(r, v)) ?? null;',
      '}',
    ];
    const r = returnedCalls(lines, 1, 5);
    assert.deepEqual(r.calls.sort(), ['find', 'match', 'scan']);
    assert.ok(r.nullLiteral);
    assert.ok(!returnedCalls(['def f(x):', '    return g(x)  # "None"'], 1, 2).nullLiteral, 'a string is no literal');
    assert.deepEqual(
      returnedCalls(['    def locale(self):', '        return self.locale or DEFAULT_LOCALE', '    X = OTHER'], 1, 3)
        .constants,
      ['DEFAULT_LOCALE'],
    );
  });

  it('reads what a Rust or Ruby body returns without a return: its last expression', () => {
    const rust = [
      'pub fn prepare(mut item: Customer) -> Customer {',
      '    item.tier = crate::paging::normalize_tier(&item.tier);',
      '    item',
      '}',
    ];
    assert.deepEqual(returnedCalls(rust, 1, 4).calls, ['normalize_tier']);
    const ruby = ['  def prepare(item)', '    item.tier = normalize_tier(item.tier)', '    item', '  end'];
    assert.deepEqual(returnedCalls(ruby, 1, 4).calls, ['normalize_tier']);
    // A statement ends the body, and Python returns None without a return.
    assert.deepEqual(returnedCalls(['function f(x) {', '  x.t = g(x);', '  log(x);', '}'], 1, 4).calls, []);
    assert.deepEqual(returnedCalls(['def f(x):', '    x.t = g(x)', '    log(x)'], 1, 3).calls, []);
  });

  it('knows a missing key in each runtime, and a table change that keeps every key', () => {
    for (const m of [
      "KeyError: 'GOLD'",
      "System.Collections.Generic.KeyNotFoundException: The given key 'GOLD' was not present in the dictionary.",
      'panic: no entry found for key',
      'KeyError: key not found: :gold',
      'Warning: Undefined array key "GOLD"',
    ])
      assert.ok(isMissingKeyError(m), m);
    assert.ok(!isMissingKeyError("TypeError: Cannot read properties of undefined (reading 'rate')"));
    assert.ok(keepsEveryKey(hunk(['        ("gold", 0.2),'], ['        ("gold", 0.25),'])));
    assert.ok(keepsEveryKey(hunk(['    "gold": 0.2,'], ['    "gold": 0.25,'])));
    assert.ok(!keepsEveryKey(hunk(['    "gold": 0.2,'], ['    "GOLD": 0.2,'])), 'a key renamed');
    assert.ok(!keepsEveryKey(hunk(['    "gold": 0.2,', '    "silver": 0.1,'], ['    "silver": 0.1,'])), 'taken out');
    assert.ok(!keepsEveryKey(hunk(['DEFAULT_LOCALE = "en-US"'], ['DEFAULT_LOCALE = "en"'])), 'a value used as key');
    assert.ok(!keepsEveryKey(hunk(['    return value.lower()'], ['    return value.upper()'])), 'code');
  });

  it('sees a normalizing call taken off a value, and nothing else', () => {
    assert.ok(
      isNormalizerRemoved('  return Math.round(amount * 10 ** exponent);', '  return amount * 10 ** exponent;'),
    );
    assert.ok(isNormalizerRemoved('    return name.strip().lower()', '    return name.lower()'));
    assert.ok(isNormalizerRemoved('    return round(total, 2)', '    return total'));
    assert.ok(
      isNormalizerRemoved(
        '    op: String(rule.op).trim().toUpperCase(),',
        '    op: String(rule.op).trim().toLowerCase(),',
      ),
      'case swapped',
    );
    // The same jobs in the other runtimes' standard libraries, Ruby's calls without parentheses included.
    const swaps: Array<[string, string]> = [
      ['\treturn strings.ToLower(strings.TrimSpace(v))', '\treturn strings.ToUpper(strings.TrimSpace(v))'],
      ['    v.to_s.strip.downcase', '    v.to_s.strip.upcase'],
      ['    v.to_s.strip.downcase', '    v.to_s.downcase'],
      ['        return strtolower(trim($v));', '        return strtoupper(trim($v));'],
      ['        return v.Trim().ToLowerInvariant();', '        return v.Trim().ToUpperInvariant();'],
      ['    v.trim().to_lowercase()', '    v.trim().to_uppercase()'],
    ];
    for (const [was, now] of swaps) assert.ok(isNormalizerRemoved(was, now), now);
    assert.ok(
      !isNormalizerRemoved('    v.to_s.strip.downcase', '    v.to_s.strip.downcase.freeze'),
      'added, not removed',
    );
    assert.ok(!isNormalizerRemoved('  return Math.round(a);', '  return Math.abs(a);'), 'another kind of call');
    assert.ok(!isNormalizerRemoved('  return total(a);', '  return a;'), 'not a normalizer');
    assert.ok(!isNormalizerRemoved('x'.repeat(5000), 'x'), 'bounded');
  });

  it('names the error class and reads its declared base', () => {
    assert.equal(errorClassName('com.acme.quotes.UpstreamException: upstream 503'), 'UpstreamException');
    assert.equal(errorClassName('billing.errors.CardDeclined: no'), 'CardDeclined');
    assert.equal(errorClassName("TypeError: Cannot read properties of null (reading 'x')"), null);
    assert.equal(errorClassName(null), null);
    assert.equal(
      declaredBase('public class UpstreamException extends TransientException {', 'UpstreamException'),
      'extends TransientException',
    );
    assert.equal(declaredBase('class CardDeclined(PaymentError):', 'CardDeclined'), '(PaymentError)');
    assert.equal(declaredBase('class CardDeclinedTwice(PaymentError):', 'CardDeclined'), null);
  });
});

function rank(repo: TempRepo, frames: FrameSpec, message: string, crashText: string, tokens: string[] = []) {
  const value = message.slice(message.indexOf(':') + 1).trim();
  return rankRange(repo, frames, {
    tokens,
    failing: failingNames(value, crashText),
    nullish: isNullishError(message),
    message,
  });
}

describe('producer rules on real repositories', function () {
  this.timeout(20_000);
  after(cleanupTempDirs);

  it('names the query two calls below the crash that now returns null over an edit of the helper between', async () => {
    const repo = createTempRepo();
    repo.write(
      'table.js',
      'class Table {\n  constructor(rows) {\n    this.rows = rows;\n  }\n\n  findOne(col, value) {\n    const wanted = String(value).toLowerCase();\n    return this.rows.find((r) => String(r[col]).toLowerCase() === wanted) ?? null;\n  }\n}\nmodule.exports = { Table };\n',
    );
    repo.write(
      'repo.js',
      "class Repo {\n  constructor(table) {\n    this.table = table;\n  }\n\n  forEmail(email) {\n    return this.table.findOne('email', email);\n  }\n}\nmodule.exports = { Repo };\n",
    );
    repo.write(
      'mailer.js',
      "class Mailer {\n  constructor(repo) {\n    this.repo = repo;\n  }\n\n  wants(email) {\n    const prefs = this.repo.forEmail(email);\n    return prefs.channels.includes('email');\n  }\n}\nmodule.exports = { Mailer };\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'repo.js', "findOne('email', email)", "findOne('email', email.trim())");
    repo.commit('Repo: trim addresses', { author: ALICE });
    edit(
      repo,
      'table.js',
      '    const wanted = String(value).toLowerCase();\n    return this.rows.find((r) => String(r[col]).toLowerCase() === wanted) ?? null;',
      '    return this.rows.find((r) => r[col] === value) ?? null;',
    );
    const bug = repo.commit('Table: exact matches', { author: BOB });
    edit(repo, 'table.js', '    this.rows = rows;', '    this.rows = rows.map((r) => ({ ...r }));');
    repo.commit('Table: copies', { author: CAROL });
    repo.tag('v2');
    const crash = "    return prefs.channels.includes('email');";
    const { suspects, why } = await rank(
      repo,
      [['mailer.js', 'prefs.channels', 'Mailer.wants']],
      "TypeError: Cannot read properties of null (reading 'channels')",
      crash,
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /findOne\(\) in table\.js .*can return null.*forEmail\(\) returned/, why);
  });

  it('follows the producer chain through a file the deploy did not change', async () => {
    const repo = createTempRepo();
    repo.write(
      'paging.js',
      'function normalizeTier(value) {\n  return String(value).trim().toLowerCase();\n}\nmodule.exports = { normalizeTier };\n',
    );
    // intake.js never changes: only reading it links the frame's call to the changed normalizeTier.
    repo.write(
      'intake.js',
      "const { normalizeTier } = require('./paging');\n\nfunction prepareCustomer(customer) {\n" +
        '  customer.tier = normalizeTier(customer.tier);\n  return customer;\n}\nmodule.exports = { prepareCustomer };\n',
    );
    repo.write(
      'statements.js',
      'const RATES = { gold: { rate: 0.2 } };\n\nfunction statementLine(customer) {\n  const rate = RATES[customer.tier].rate;\n' +
        '  return `${customer.name}: ${rate}`;\n}\n\nfunction report(customers) {\n  return customers.map((c) => statementLine(c));\n}\n' +
        'module.exports = { report };\n',
    );
    repo.write(
      'main.js',
      "const { prepareCustomer } = require('./intake');\nconst { report } = require('./statements');\n\n" +
        "console.log(report([{ name: 'a', tier: 'Gold' }].map((c) => prepareCustomer(c))));\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'paging.js', 'toLowerCase()', 'toUpperCase()');
    const bug = repo.commit('Paging: tier codes in upper case', { author: BOB });
    edit(repo, 'statements.js', '  return `${customer.name}: ${rate}`;', '  return `${customer.name} | ${rate}`;');
    repo.commit('Statements: pipes between the columns', { author: ALICE });
    repo.tag('v2');
    const { suspects, why } = await rank(
      repo,
      [
        ['statements.js', 'RATES[customer.tier].rate', 'statementLine'],
        ['statements.js', 'customers.map', 'report'],
        ['main.js', 'console.log(report(', ''],
      ],
      "TypeError: Cannot read properties of undefined (reading 'rate')",
      '  const rate = RATES[customer.tier].rate;',
      ['rate'],
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons.join('\n'), /normalizeTier\(\) in paging\.js .*prepareCustomer\(\) returned/, why);
  });

  it('for a missing key, a changed value of an entry that is still there is no source of it', async () => {
    const repo = createTempRepo();
    repo.write('paging.py', 'def normalize_tier(value):\n    return str(value).strip().lower()\n');
    repo.write(
      'intake.py',
      'from paging import normalize_tier\n\n\ndef prepare_customer(customer):\n' +
        '    customer["tier"] = normalize_tier(customer["tier"])\n    return customer\n',
    );
    repo.write('settings.py', 'TIER_RATES = {\n    "gold": 0.2,\n    "basic": 0.0,\n}\n');
    repo.write(
      'statements.py',
      'from settings import TIER_RATES\n\n\ndef statement_line(customer):\n' +
        '    rate = TIER_RATES[customer["tier"]]\n    return f"{customer[\'name\']}: {rate}"\n',
    );
    repo.write(
      'main.py',
      'from intake import prepare_customer\nfrom statements import statement_line\n\n' +
        'print(statement_line(prepare_customer({"name": "a", "tier": "Gold"})))\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'paging.py', '.lower()', '.upper()');
    const bug = repo.commit('Normalise tier names the way the CRM does', { author: BOB });
    edit(repo, 'settings.py', '"gold": 0.2,', '"gold": 0.25,');
    repo.commit('Raise the gold rate', { author: ALICE });
    repo.tag('v2');
    const crash = '    rate = TIER_RATES[customer["tier"]]';
    const { suspects, why } = await rankRange(
      repo,
      [
        ['statements.py', 'TIER_RATES[customer["tier"]]', 'statement_line'],
        ['main.py', 'print(statement_line(', '<module>'],
      ],
      { tokens: ['GOLD'], keyTokens: ['GOLD'], failing: failingNames("'GOLD'", crash), message: "KeyError: 'GOLD'" },
    );
    assert.equal(suspects[0].sha, bug, why);
  });

  it('names the helper whose returned value lost its rounding over an edit of the crashing line', async () => {
    const repo = createTempRepo();
    repo.write(
      'minor.js',
      'function toMinor(amount, exponent = 2) {\n  return Math.round(amount * 10 ** exponent);\n}\nmodule.exports = { toMinor };\n',
    );
    repo.write(
      'format.js',
      "const { toMinor } = require('./minor');\nconst SPECS = { EUR: { exponent: 2 } };\n\nfunction format(amount, currency) {\n  const spec = SPECS[currency];\n  const minor = BigInt(toMinor(amount, spec.exponent));\n  return String(minor);\n}\nmodule.exports = { format };\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'minor.js', '  return Math.round(amount * 10 ** exponent);', '  return amount * 10 ** exponent;');
    const bug = repo.commit('Minor: no rounding', { author: BOB });
    edit(repo, 'format.js', 'toMinor(amount, spec.exponent)', 'toMinor(amount, spec.exponent ?? 2)');
    repo.commit('Format: default exponent', { author: ALICE });
    repo.tag('v2');
    const crash = '  const minor = BigInt(toMinor(amount, spec.exponent ?? 2));';
    const { suspects, why } = await rank(
      repo,
      [['format.js', 'BigInt(', 'format']],
      'RangeError: The number 1999.9999999999998 cannot be converted to a BigInt because it is not an integer',
      crash,
      ['BigInt', 'toMinor', 'amount'],
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(
      suspects[0].reasons[0],
      /took off or swapped a rounding or normalizing call on the value toMinor\(\)/,
      why,
    );
  });

  it("names the commit that changed the thrown class's base over edits on the crashing and calling lines", async () => {
    const repo = createTempRepo();
    repo.write(
      'TransientException.java',
      'public class TransientException extends RuntimeException {\n    public TransientException(String m) { super(m); }\n}\n',
    );
    repo.write(
      'UpstreamException.java',
      'public class UpstreamException extends TransientException {\n    public UpstreamException(String m) { super(m); }\n}\n',
    );
    repo.write(
      'Transport.java',
      'class Transport {\n    String get(String path, int status) {\n        if (status >= 500) throw new UpstreamException("upstream " + status);\n        return "ok";\n    }\n}\n',
    );
    repo.write(
      'Retry.java',
      'class Retry {\n    String call(Transport t, String path) {\n        for (int i = 0; ; i++) {\n            try {\n                return t.get(path, 503);\n            } catch (TransientException e) {\n                if (i >= 3) throw e;\n            }\n        }\n    }\n}\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'UpstreamException.java', 'extends TransientException', 'extends RuntimeException');
    const bug = repo.commit('Errors: upstream is not transient', { author: BOB });
    edit(repo, 'Transport.java', '"upstream " + status', '"provider answered " + status');
    repo.commit('Transport: name the provider', { author: ALICE });
    edit(repo, 'Retry.java', 'return t.get(path, 503);', 'return t.get(path.trim(), 503);');
    repo.commit('Retry: trim paths', { author: CAROL });
    repo.tag('v2');
    const crash = '        if (status >= 500) throw new UpstreamException("provider answered " + status);';
    const { suspects, why } = await rank(
      repo,
      [
        ['Transport.java', 'throw new UpstreamException', 'Transport.get'],
        ['Retry.java', 'return t.get(', 'Retry.call'],
      ],
      'UpstreamException: provider answered 503',
      crash,
      ['UpstreamException', 'status'],
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /changed what 'UpstreamException', the error's class, extends/, why);
  });

  it('does not blame a constant extracted from the crashing line over the helper whose output it wrote', async () => {
    const repo = createTempRepo();
    repo.write(
      'serializer.py',
      'import json\n\n\ndef serialize(entry):\n    return json.dumps(entry, ensure_ascii=True)\n',
    );
    repo.write(
      'sink.py',
      'class Sink:\n    ENCODING = "ascii"\n\n    def __init__(self, handle):\n        self.handle = handle\n\n    def write_line(self, line):\n        self.handle.write(line.encode(self.ENCODING) + b"\\n")\n',
    );
    repo.write(
      'session.py',
      'from serializer import serialize\n\n\nclass Session:\n    def flush(self, sink, entries):\n        for entry in entries:\n            sink.write_line(serialize(entry))\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'serializer.py', 'ensure_ascii=True', 'ensure_ascii=False');
    const bug = repo.commit('Serializer: readable names', { author: BOB });
    edit(repo, 'sink.py', '+ b"\\n")', '+ self.NEWLINE)');
    edit(repo, 'sink.py', '    ENCODING = "ascii"\n', '    ENCODING = "ascii"\n    NEWLINE = b"\\n"\n');
    const extract = repo.commit('Sink: one newline constant', { author: ALICE });
    repo.tag('v2');
    const crash = '        self.handle.write(line.encode(self.ENCODING) + self.NEWLINE)';
    const { suspects, why } = await rank(
      repo,
      [
        ['sink.py', 'line.encode(', 'write_line'],
        ['session.py', 'sink.write_line(', 'flush'],
      ],
      "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 12: ordinal not in range(128)",
      crash,
      ['handle', 'write', 'line', 'encode', 'ENCODING', 'NEWLINE'],
    );
    assert.equal(suspects[0].sha, bug, why);
    const e = suspects.find((s) => s.sha === extract);
    assert.ok(
      e?.reasons.some((r) => /replaced a literal with a constant/.test(r)),
      why,
    );
  });

  it('names the constant a returned helper hands to the lookup when it wrote the missing key', async () => {
    const repo = createTempRepo();
    repo.write(
      'constants.py',
      'DEFAULT_LOCALE = "en-US"\nFORMATS = {\n    "en-US": "%m/%d/%Y",\n    "de-DE": "%d.%m.%Y",\n}\n',
    );
    repo.write(
      'models.py',
      'from constants import DEFAULT_LOCALE\n\n\nclass Profile:\n    def __init__(self, locale=None):\n        self.locale = locale\n\n    def effective_locale(self):\n        return self.locale or DEFAULT_LOCALE\n',
    );
    repo.write(
      'render.py',
      'from constants import FORMATS\n\n\ndef label(profile):\n    fmt = FORMATS[profile.effective_locale()]\n    return fmt\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'constants.py', 'DEFAULT_LOCALE = "en-US"', 'DEFAULT_LOCALE = "en"');
    const bug = repo.commit('Constants: bare language tag', { author: BOB });
    edit(repo, 'models.py', 'return self.locale or DEFAULT_LOCALE', 'return (self.locale or DEFAULT_LOCALE).strip()');
    repo.commit('Models: strip locales', { author: ALICE });
    repo.tag('v2');
    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const port = ws.git?.suspectPort();
    assert.ok(port);
    const frames: BlameFrame[] = [
      { depth: 0, path: 'render.py', line: lineOf(repo, 'render.py', 'fmt = FORMATS['), function: 'label' },
    ];
    const found = await collectEvidence(port, {
      mode: 'range',
      from: repo.sha('v1'),
      to: repo.sha('v2'),
      frames,
      tokens: ['FORMATS', 'effective_locale'],
      keyTokens: [],
      failing: [],
      missing: ['en'],
      message: "KeyError: 'en'",
    });
    const suspects = rankSuspects(found.evidence, found.commits, { mode: 'range', rangeLabel: null });
    const why = JSON.stringify(suspects.map((s) => [s.summary, s.score, s.reasons]));
    assert.equal(suspects[0].sha, bug, why);
    assert.ok(
      suspects[0].reasons.some((r) => /value of 'DEFAULT_LOCALE' .*effective_locale\(\) returned/.test(r)),
      why,
    );
  });

  it('names the commit that swapped the case a rule normalizer produces over other edits of the same normalizer', async () => {
    const repo = createTempRepo();
    repo.write(
      'operators.js',
      'const OPERATORS = {\n  EQ: (a, b) => a === b,\n  IN: (a, b) => b.includes(a),\n};\nmodule.exports = { OPERATORS };\n',
    );
    repo.write(
      'schema.js',
      'function normalizeRule(rule) {\n  return {\n    attr: String(rule.attr).trim(),\n    op: String(rule.op).trim().toUpperCase(),\n    value: rule.value,\n  };\n}\nmodule.exports = { normalizeRule };\n',
    );
    repo.write(
      'evaluator.js',
      "const { OPERATORS } = require('./operators');\n\nfunction compileRule(rule) {\n  const test = OPERATORS[rule.op];\n  return (context) => test(context[rule.attr], rule.value);\n}\nmodule.exports = { compileRule };\n",
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'schema.js', 'String(rule.op).trim().toUpperCase()', 'String(rule.op).trim().toLowerCase()');
    const bug = repo.commit('Rules: operators in lower case', { author: BOB });
    edit(repo, 'schema.js', 'String(rule.attr).trim(),', "String(rule.attr).trim().replace(/\\s+/g, ''),");
    repo.commit('Rules: attribute names without spaces', { author: CAROL });
    edit(repo, 'evaluator.js', 'test(context[rule.attr], rule.value)', 'test(context[rule.attr] ?? null, rule.value)');
    repo.commit('Evaluator: missing attributes compare as null', { author: ALICE });
    repo.tag('v2');
    const crash = '  return (context) => test(context[rule.attr] ?? null, rule.value);';
    const { suspects, why } = await rank(
      repo,
      [['evaluator.js', 'return (context) => test(', 'compileRule']],
      'TypeError: test is not a function',
      crash,
      ['test', 'rule', 'attr'],
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.match(suspects[0].reasons[0], /swapped a rounding or normalizing call/, why);
  });
});
