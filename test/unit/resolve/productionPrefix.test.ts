import assert from 'node:assert/strict';
import { createFrameResolver } from '../../../src/core/resolve/frameResolver';
import { makeTempRepo } from './tempRepo';

const frame = (p: string) => ({ path: p, module: null, function: null });

describe('a frame outside the learned production prefix', () => {
  it('is never placed by its file name alone: the same-named file is offered as a candidate', () => {
    const repo = makeTempRepo(['app/services/pricing.py', 'app/routes/orders.py', 'tests/run.py']);
    try {
      const r = createFrameResolver({ root: repo.root, files: repo.files });
      // The service's frames teach the prefix /srv/app → '' …
      assert.equal(r.resolve(frame('/srv/app/app/services/pricing.py')).file, 'app/services/pricing.py');
      // … so the driver at /srv/tools/run.py, outside it, is not the repository's tests/run.py.
      const driver = r.resolve(frame('/srv/tools/run.py'));
      assert.equal(driver.file, null);
      assert.deepEqual(driver.candidates, ['tests/run.py']);
      // Inside the prefix, the service's own files still resolve.
      assert.equal(r.resolve(frame('/srv/app/app/routes/orders.py')).file, 'app/routes/orders.py');
    } finally {
      repo.remove();
    }
  });
});

describe('a frame outside a mapped production prefix', () => {
  it('is never placed by its file name alone, before or after the mapped frames', () => {
    const repo = makeTempRepo(['index.js', 'lib/pricing.js']);
    try {
      const r = createFrameResolver({
        root: repo.root,
        files: repo.files,
        mappings: [{ prod: '/srv/app', local: '.' }],
      });
      // The mapping names the prefix: no frame needs to teach it first.
      const consumer = r.resolve(frame('/srv/consumer/index.js'));
      assert.equal(consumer.file, null);
      assert.deepEqual(consumer.candidates, ['index.js']);
      assert.equal(r.resolve(frame('/srv/app/lib/pricing.js')).file, 'lib/pricing.js');
      assert.equal(r.resolve(frame('/srv/consumer/index.js')).file, null);
      // Inside the mapped prefix, a file name still finds the file the mapping does not reach verbatim.
      assert.equal(r.resolve(frame('/srv/app/dist/pricing.js')).file, 'lib/pricing.js');
    } finally {
      repo.remove();
    }
  });
});

describe('a frame whose mapped path is in the deployed tree', () => {
  it('resolves there, though today has moved it and holds several files of its name', () => {
    const repo = makeTempRepo(['bin/semver.js', 'classes/semver.js', 'test/semver.js']);
    try {
      const mappings = [{ prod: '/srv/app', local: '.' }];
      const today = createFrameResolver({ root: repo.root, files: repo.files, mappings });
      assert.equal(today.resolve(frame('/srv/app/semver.js')).file, null);
      const deployed = new Set(['semver.js', 'bin/semver.js', 'test/semver.js']);
      const r = createFrameResolver({ root: repo.root, files: repo.files, mappings, deployed });
      assert.deepEqual(r.resolve(frame('/srv/app/semver.js')), { file: 'semver.js', candidates: [], via: 'mapping' });
      // Only the verbatim path counts: a name the deployed tree does not hold there is still ambiguous.
      const other = r.resolve(frame('/srv/app/lib/semver.js'));
      assert.equal(other.file, null);
      assert.equal(other.candidates.length, 3);
    } finally {
      repo.remove();
    }
  });
});
