// Placing a frame by the line text its event carries: which texts can identify a place, and which
// of the places holding it is chosen (the neighbours decide; a tie places nothing).
import assert from 'node:assert/strict';
import { choosePlacement, placeableText } from '../../../src/core/resolve/contextPlacement';
import type { SourceContext } from '../../../src/core/model/event.types';

const ctx = (pre: string[], line: string, post: string[]): SourceContext => ({ pre, line, post });

describe('placement by context line', () => {
  it('only a distinctive, uncut line can identify a place', () => {
    assert.equal(placeableText(ctx([], '  }', [])), null);
    assert.equal(placeableText(ctx([], '  return;', [])), null);
    assert.equal(placeableText(ctx([], '{snip} const a = veryLongExpression(b) {snip}', [])), null);
    assert.equal(placeableText(ctx([], ' '.repeat(4) + '))));;;;', [])), null);
    assert.equal(placeableText(undefined), null);
    assert.equal(
      placeableText(ctx([], '    const tier = customer.profile.tier;', [])),
      'const tier = customer.profile.tier;',
    );
  });

  const files: Record<string, string> = {
    'src/a.js': 'function a(c) {\n  const tier = c.profile.tier;\n  return tier;\n}\n',
    'src/b.js': 'function b(c) {\n  const tier = c.profile.tier;\n  return TIERS[tier];\n}\n',
    'src/c.js': 'function b(c) {\n  const tier = c.profile.tier;\n  return TIERS[tier];\n}\n',
  };
  const textOf = async (p: string) => files[p] ?? null;
  const hitsIn = (...paths: string[]) => paths.map((path) => ({ path, line: 2 }));

  it('the place whose neighbours agree with the event wins', async () => {
    const context = ctx(['function b(c) {'], '  const tier = c.profile.tier;', ['  return TIERS[tier];']);
    const placed = await choosePlacement(hitsIn('src/a.js', 'src/b.js'), context, textOf);
    assert.deepEqual(placed, { hit: { path: 'src/b.js', line: 2 } });
  });

  it('two places that fit equally: none is chosen', async () => {
    const context = ctx(['function b(c) {'], '  const tier = c.profile.tier;', ['  return TIERS[tier];']);
    const placed = await choosePlacement(hitsIn('src/b.js', 'src/c.js'), context, textOf);
    assert.equal(placed.hit, null);
  });

  it('neighbours in the event that match nowhere: none is chosen', async () => {
    const context = ctx(['function other() {'], '  const tier = c.profile.tier;', ['  log(tier);']);
    assert.equal((await choosePlacement(hitsIn('src/a.js'), context, textOf)).hit, null);
  });

  it('a single place and an event without neighbours: that place', async () => {
    const context = ctx([], '  const tier = c.profile.tier;', []);
    assert.deepEqual(await choosePlacement(hitsIn('src/a.js'), context, textOf), {
      hit: { path: 'src/a.js', line: 2 },
    });
  });

  it('no place: none', async () => {
    assert.equal((await choosePlacement([], ctx([], 'const x = 1;', []), textOf)).hit, null);
  });
});
