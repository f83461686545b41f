// The rules added after the fresh scenarios showed decoys on the crashing line beating the real
// cause: a rewrite that leaves the failing operands as they were (a wrapper, a reworded throw, a
// string or digit-separator change) cannot have made the line fail. Pure parts on inputs, the
// ranking on real git.
import { strict as assert } from 'node:assert';
import { hunk } from '../../helpers/patchHunk';
import { divisorNames, failingNames, quotedLiterals } from '../../../src/core/suspects/errorTokens';
import { isCosmetic } from '../../../src/core/suspects/rangePatch';
import { isIncidentalRewrite } from '../../../src/core/suspects/tokenEvidence';
import { ALICE, BOB, CAROL, cleanupTempDirs, createTempRepo, type TempRepo } from '../../helpers/gitRepo';
import { edit, rankRange, type FrameSpec } from '../../helpers/rankingRepo';

const touch = (before: string, after: string) => ({ sha: 'x', removed: [before], added: [after] });

describe('operand rules: pure parts', () => {
  it('reads the failing operand of a call on a non-function and of a division by zero', () => {
    assert.deepEqual(failingNames('test is not a function'), ['test']);
    assert.deepEqual(failingNames('rule.handlers.apply is not a function'), ['apply']);
    assert.deepEqual(failingNames('float division by zero', '    return round(1.0 / per_second(), 3)'), ['per_second']);
    assert.deepEqual(failingNames('/ by zero', '    int each = total / parts.size();'), ['parts', 'size']);
    assert.deepEqual(divisorNames('x = a // b.count  # "c / d"'), ['b', 'count']);
    assert.deepEqual(divisorNames('x = a + b'), []);
  });

  it('takes the non-name literals a message quotes', () => {
    assert.deepEqual(quotedLiterals("time data '2025-03-01 09:30' does not match format '%Y-%m-%dT%H:%M%z'"), [
      '2025-03-01 09:30',
      '%Y-%m-%dT%H:%M%z',
    ]);
    assert.deepEqual(quotedLiterals("KeyError: 'en'"), []);
    assert.deepEqual(quotedLiterals("Cannot read properties of undefined (reading 'id')"), []);
  });

  it('treats digit separators as formatting, a changed number not', () => {
    assert.ok(isCosmetic(hunk(['  return 60000 * minutes;'], ['  return 60_000 * minutes;'])));
    assert.ok(!isCosmetic(hunk(['  return 60000 * minutes;'], ['  return 6_000 * minutes;'])));
    assert.ok(!isCosmetic(hunk(['  helper_1(x);'], ['  helper1(x);'])), 'an identifier is not a number');
  });

  it('calls a rewrite incidental when it keeps the operands: a wrapper, a reworded string, `?? null`, a reworded throw', () => {
    assert.ok(
      isIncidentalRewrite(touch('    return 1.0 / per_second()', '    return round(1.0 / per_second(), 3)'), [
        'per_second',
      ]),
    );
    assert.ok(
      isIncidentalRewrite(
        touch(
          "    return { accessToken: 'at-' + refreshToken.slice(3) };",
          "    return { accessToken: 'at_' + refreshToken.slice(3) };",
        ),
        ['slice', 'refreshToken'],
      ),
    );
    assert.ok(
      isIncidentalRewrite(
        touch(
          '  return (c) => test(c[rule.attr], rule.value);',
          '  return (c) => test(c[rule.attr] ?? null, rule.value);',
        ),
        ['test'],
      ),
    );
    assert.ok(
      isIncidentalRewrite(
        touch(
          '      throw new IllegalArgumentException("over " + MAX_KG + " kg");',
          '      throw new IllegalArgumentException("weighs " + kg + " kg, over " + MAX_KG);',
        ),
        [],
      ),
    );
    assert.ok(
      isIncidentalRewrite(
        touch('    if not row: raise ValueError("empty")', '    if not row: raise ValueError(f"empty row {i}")'),
        [],
      ),
    );
  });

  it('keeps a rewrite that changed an operand, the key, or a throw condition', () => {
    assert.ok(
      !isIncidentalRewrite(touch('    return a / rate', '    return a / per_second()'), ['per_second']),
      'the divisor is new',
    );
    assert.ok(
      !isIncidentalRewrite(touch("    fmt = FORMATS['en-US']", "    fmt = FORMATS['en']"), ['en']),
      'the missing key was written',
    );
    assert.ok(
      !isIncidentalRewrite(
        touch('    if (n > MAX) throw new Error("too many");', '    if (n >= MAX) throw new Error("too many");'),
        [],
      ),
      'the condition changed',
    );
    assert.ok(!isIncidentalRewrite(touch('    return x.y;', '    throw new Error("no");'), []), 'not a throw before');
  });
});

function rank(repo: TempRepo, frames: FrameSpec, failing: string[], missing: string[] = [], tokens: string[] = []) {
  return rankRange(repo, frames, { tokens, failing, missing });
}

describe('operand rules on real repositories', function () {
  this.timeout(20_000);
  after(cleanupTempDirs);

  it('names the helper that made the divisor zero over a wrapper of the division and a digit-separator pass', async () => {
    const repo = createTempRepo();
    repo.write(
      'throttle.py',
      'QUOTA = 60\n\n\ndef per_second(quota=QUOTA):\n    return quota / 60\n\n\ndef per_minute():\n    return 60000 / QUOTA\n',
    );
    repo.write(
      'sender.py',
      'from throttle import per_second, per_minute\n\n\ndef spacing():\n    base = per_minute()\n    return 1.0 / per_second()\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'throttle.py', '    return quota / 60', '    return quota // 60');
    const bug = repo.commit('Throttle: whole messages', { author: BOB });
    edit(repo, 'sender.py', '    return 1.0 / per_second()', '    return round(1.0 / per_second(), 3)');
    const wrap = repo.commit('Sender: rounded spacing', { author: ALICE });
    edit(repo, 'throttle.py', '60000 / QUOTA', '60_000 / QUOTA');
    const digits = repo.commit('Throttle: readable constants', { author: CAROL });
    repo.tag('v2');
    const line = '    return round(1.0 / per_second(), 3)';
    const { suspects, why } = await rank(
      repo,
      [['sender.py', 'return round(1.0', 'spacing']],
      failingNames('float division by zero', line),
    );
    assert.equal(suspects[0].sha, bug, why);
    assert.ok(suspects.findIndex((s) => s.sha === wrap) > 0, why);
    const d = suspects.find((s) => s.sha === digits);
    assert.ok(!d || !d.reasons.some((r) => /per_minute/.test(r)), why);
  });

  it('does not blame a reworded throw for the throw its unchanged condition reached', async () => {
    const repo = createTempRepo();
    repo.write(
      'Parcel.java',
      'public record Parcel(int grams) {\n    double weightKg() {\n        return grams / 1000.0;\n    }\n}\n',
    );
    repo.write(
      'Ground.java',
      'class Ground {\n    static final double MAX_KG = 20.0;\n    double quote(Parcel p) {\n        double kg = p.weightKg();\n        if (kg > MAX_KG) {\n            throw new IllegalArgumentException("over " + MAX_KG);\n        }\n        return kg * 2;\n    }\n}\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'Parcel.java', 'grams / 1000.0', 'Math.round(grams / 100.0)');
    const bug = repo.commit('Parcel: rounded weights', { author: BOB });
    edit(repo, 'Ground.java', '"over " + MAX_KG', '"weighs " + kg + " kg, over " + MAX_KG');
    repo.commit('Ground: say how heavy', { author: ALICE });
    repo.tag('v2');
    const { suspects, why } = await rank(repo, [['Ground.java', 'throw new IllegalArgumentException', 'quote']], []);
    assert.equal(suspects[0].sha, bug, why);
  });

  it('names the commit that wrote the format the error quotes over a rewrite of the crashing call', async () => {
    const repo = createTempRepo();
    repo.write(
      'timeparse.py',
      'from datetime import datetime\n\nSTORED = "%Y-%m-%d %H:%M"\n\n\ndef parse_start(value):\n    parsed = datetime.strptime(value, STORED)\n    return parsed\n',
    );
    repo.commit('initial');
    repo.tag('v1');
    edit(repo, 'timeparse.py', 'STORED = "%Y-%m-%d %H:%M"', 'STORED = "%Y-%m-%dT%H:%M%z"');
    const bug = repo.commit('Timeparse: ISO with offset', { author: BOB });
    edit(repo, 'timeparse.py', 'strptime(value, STORED)', 'strptime(value.strip(), STORED)');
    repo.commit('Timeparse: tolerate whitespace', { author: ALICE });
    repo.tag('v2');
    const literals = quotedLiterals("time data '2025-03-01 09:30' does not match format '%Y-%m-%dT%H:%M%z'");
    const { suspects, why } = await rankRange(repo, [['timeparse.py', 'strptime(', 'parse_start']], {
      failing: [],
      literals,
    });
    assert.equal(suspects[0].sha, bug, why);
    assert.match(
      suspects[0].reasons.join('\n'),
      /wrote '%Y-%m-%dT%H:%M%z' into timeparse\.py .*the text the error quotes/,
    );
  });
});
