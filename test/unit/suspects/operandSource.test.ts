// Operand sources: a changed definition of the value the failing operation used, on no frame —
// a table entry a line feeding the crash reads, a constant named after the failing operand.
import { strict as assert } from 'node:assert';
import { hunk } from '../../helpers/patchHunk';
import { failingNames } from '../../../src/core/suspects/errorTokens';
import { extendsOnly, namedAfter } from '../../../src/core/suspects/operandSource';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';
import { edit, rankRange } from '../../helpers/rankingRepo';

describe('operand sources: pure parts', () => {
  it('ties a constant to the operand it is named after, all words in order', () => {
    assert.ok(namedAfter('DEFAULT_WINDOW_SECONDS', 'windowSeconds'));
    assert.ok(namedAfter('QUOTA', 'quota'));
    assert.ok(!namedAfter('MAX_SIZE', 'size'), 'a one-word operand needs the whole name');
    assert.ok(!namedAfter('SECONDS_WINDOW', 'windowSeconds'));
  });

  it('tells an added table entry from a changed one', () => {
    assert.ok(extendsOnly(hunk(['P = {"md": a, "rst": b}'], ['P = {"md": a, "rst": b, "txt": b}'])));
    assert.ok(!extendsOnly(hunk(['    "nl-NL": (".", ","),'], ['    "nl-NL": (",", "."),'])));
  });
});

describe('operand sources on real repositories', function () {
  this.timeout(20_000);
  after(cleanupTempDirs);

  it('names the commit that changed the table entry a feeding line read, over a rewrite next to the crash', async () => {
    const repo = createTempRepo();
    repo.write('locales.py', 'SEPARATORS = {\n    "en-US": (",", "."),\n    "nl-NL": (".", ","),\n}\n');
    repo.write(
      'amounts.py',
      'from locales import SEPARATORS\n\n\ndef parse_amount(text, locale):\n    g, d = SEPARATORS[locale]\n    cleaned = text.replace(g, "").replace(d, ".")\n    return float(cleaned)\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'locales.py', '"nl-NL": (".", ",")', '"nl-NL": (",", ".")');
    const bug = repo.commit('Locales: nl-NL as the bank writes it', { author: BOB });
    edit(repo, 'locales.py', '}\n', '    "de-DE": (".", ","),\n}\n');
    const entry = repo.commit('Locales: German', { author: CAROL });
    edit(repo, 'amounts.py', 'return float(cleaned)', 'return float(cleaned.strip())');
    repo.commit('Amounts: tolerate spaces', { author: ALICE });
    repo.tag('v2');
    const { suspects, why } = await rankRange(repo, [['amounts.py', 'return float(', 'parse_amount']], { failing: [] });
    assert.equal(suspects[0].sha, bug, why);
    assert.ok(suspects.findIndex((s) => s.sha === entry) !== 1 || suspects[0].sha === bug, why);
    assert.match(suspects[0].reasons[0], /SEPARATORS/);
  });

  it('names the commit that zeroed the default named after the divisor, in a file on no frame', async () => {
    const repo = createTempRepo();
    repo.write(
      'Config.java',
      'class Config {\n    static final int DEFAULT_WINDOW_SECONDS = 60;\n    private final int windowSeconds = DEFAULT_WINDOW_SECONDS;\n    int windowSeconds() {\n        return windowSeconds;\n    }\n    int capacity() {\n        return 240;\n    }\n}\n',
    );
    repo.write(
      'Bucket.java',
      'class Bucket {\n    final int refill;\n    Bucket(Config config) {\n        this.refill = config.capacity() / config.windowSeconds();\n    }\n}\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'Config.java', 'DEFAULT_WINDOW_SECONDS = 60', 'DEFAULT_WINDOW_SECONDS = 0');
    const bug = repo.commit('Config: window unset by default', { author: BOB });
    edit(
      repo,
      'Bucket.java',
      'this.refill = config.capacity() / config.windowSeconds();',
      'this.refill = (config.capacity()) / config.windowSeconds();',
    );
    repo.commit('Bucket: parenthesize', { author: ALICE });
    repo.tag('v2');
    const line = '        this.refill = (config.capacity()) / config.windowSeconds();';
    const { suspects, why } = await rankRange(repo, [['Bucket.java', 'this.refill', 'Bucket']], {
      failing: failingNames('/ by zero', line),
    });
    assert.equal(suspects[0].sha, bug, why);
  });
});
