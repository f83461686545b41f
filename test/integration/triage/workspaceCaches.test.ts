import { strict as assert } from 'node:assert';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { CulpritError } from '../../../src/core/errors';
import { ALICE, createTempRepo } from '../../helpers/gitRepo';

describe('triage workspace caches', () => {
  it('keeps ref and working-tree results until invalidated, and never keeps a failure', async () => {
    const t = createTempRepo();
    try {
      t.write('src/a.js', 'a\n');
      t.commit('first', { author: ALICE });
      t.tag('v1.0.0');
      const ws = await openTriageWorkspace({ dir: t.dir, trusted: true });

      await assert.rejects(ws.deployRange({ release: '2.0.0' }), (e) => CulpritError.is(e, 'unknown-revision'));
      t.write('src/b.js', 'b\n');
      t.commit('second', { author: ALICE });
      t.tag('v2.0.0');
      // The failure was not cached: the tag made since is found.
      assert.equal((await ws.deployRange({ release: '2.0.0' })).to, t.sha('v2.0.0'));

      const before = await ws.frameResolver(null);
      t.write('src/c.js', 'c\n');
      assert.equal(
        (await ws.frameResolver(null)).resolve({ path: '/app/src/c.js', module: null, function: null }).file,
        null,
      );
      ws.invalidate();
      assert.equal(
        (await ws.frameResolver(null)).resolve({ path: '/app/src/c.js', module: null, function: null }).file,
        'src/c.js',
      );
      assert.equal(before.resolve({ path: '/app/src/b.js', module: null, function: null }).file, 'src/b.js');

      const head = await ws.git?.head();
      t.write('src/a.js', 'A\n');
      t.commit('third', { author: ALICE });
      assert.equal(await ws.git?.head(), head);
      ws.invalidate();
      assert.equal(await ws.git?.head(), t.sha('HEAD'));
    } finally {
      t.cleanup();
    }
  });
});
