import { strict as assert } from 'node:assert';
import { countSpawns } from '../../helpers/countSpawns';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { triageSample } from '../../../src/core/triage/triageSample';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { BOB, cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';

describe('a repeated triage in the same workspace', function () {
  this.timeout(30_000);
  after(cleanupTempDirs);

  it('starts no git process on an unchanged tree, and still follows an uncommitted edit', async () => {
    const t = createTempRepo();
    const body = (rate: string) =>
      `function price(order) {\n  const rate = ${rate};\n  return order.total * rate;\n}\n`;
    t.write('src/price.js', body('1'));
    t.commit('price');
    t.tag('v1');
    t.write('src/price.js', body('order.customer.rate'));
    t.commit('customer rates', { author: BOB });
    t.tag('v2');
    const ws = await openTriageWorkspace({ dir: t.dir, trusted: true });
    const trace =
      "TypeError: Cannot read properties of undefined (reading 'rate')\n    at price (/app/src/price.js:2:31)\n";
    const sample = (await createFileSource(trace, 'trace.txt').listSamples({ limit: 1 })).samples[0];
    const triage = () => triageSample(sample, ws, { deployFlag: 'v1..v2', suspectLimit: 5, blameFrames: 5 });

    const first = await triage();
    assert.equal(first.frames[0]?.localLine, 2);
    assert.ok(first.suspects.length > 0);
    const again = await countSpawns(triage);
    assert.equal(again.spawns, 0, 'everything a repeat needs is known');
    assert.deepEqual(again.value, first);

    // An edit the workspace was not told about: the working copy no longer matches HEAD, so git reads it.
    t.write('src/price.js', `// note\n// note\n${body('order.customer.rate')}`);
    const edited = await triage();
    assert.equal(edited.frames[0]?.localLine, 4, "the frame's line where it stands today");
  });
});
