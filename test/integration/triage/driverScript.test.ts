// A driver script outside the service's production prefix (`/srv/tools/run.py` calling into
// `/srv/app/`) is never placed by its file name alone: the repository's own `tests/run.py` is
// offered as a candidate, not chosen. Python really runs the deployed layout.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { cleanupTempDirs, createTempRepo, makeTempDir } from '../../helpers/gitRepo';

const PRICING = 'def unit_price(order):\n    return order["total"] / order["count"]\n';

describe('a frame outside the production prefix, through the triage', function () {
  this.timeout(60_000);
  after(cleanupTempDirs);

  it('stays unresolved, the same-named file offered as a candidate, while the service resolves', async () => {
    const repo = createTempRepo();
    repo.write('shop/__init__.py', '');
    repo.write('shop/pricing.py', PRICING);
    repo.write(
      'tests/run.py',
      'from shop.pricing import unit_price\n\n\ndef test_run():\n' +
        '    assert unit_price({"total": 2, "count": 1}) == 2\n',
    );
    repo.commit('Pricing');
    repo.tag('v1.0.0');
    // The deployment: the service under /srv/app, an operator's driver under /srv/tools.
    const srv = path.join(makeTempDir('culprit-srv-'), 'srv');
    fs.mkdirSync(path.join(srv, 'app/shop'), { recursive: true });
    fs.mkdirSync(path.join(srv, 'tools'), { recursive: true });
    fs.writeFileSync(path.join(srv, 'app/shop/__init__.py'), '');
    fs.writeFileSync(path.join(srv, 'app/shop/pricing.py'), PRICING);
    const driver = [
      'import sys',
      `sys.path.insert(0, ${JSON.stringify(path.join(srv, 'app'))})`,
      'from shop.pricing import unit_price',
      '',
      '',
      'def main():',
      '    return unit_price({"total": 3, "count": 0})',
      '',
      '',
      'main()',
    ];
    fs.writeFileSync(path.join(srv, 'tools/run.py'), `${driver.join('\n')}\n`);
    const r = spawnSync('python3', ['run.py'], { cwd: path.join(srv, 'tools'), encoding: 'utf8' });
    assert.match(r.stderr, /ZeroDivisionError/);
    assert.match(r.stderr, /srv\/tools\/run\.py/);

    const ws = await openTriageWorkspace({ dir: repo.dir, trusted: true });
    const report = await runTriage(createFileSource(r.stderr), ws, {
      limit: 1,
      suspectLimit: 3,
      blameFrames: 5,
      deployFlag: 'v1.0.0',
    });
    const frames = report.issues[0].frames;
    assert.deepEqual([frames[0].file, frames[0].line, frames[0].function], ['shop/pricing.py', 2, 'unit_price']);
    const outside = frames.filter((f) => /srv\/tools\/run\.py/.test(f.raw));
    assert.ok(outside.length >= 2, JSON.stringify(frames));
    for (const f of outside) {
      assert.equal(f.file, null, f.raw);
      assert.equal(f.localLine, null, f.raw);
      assert.deepEqual(f.candidates, ['tests/run.py'], f.raw);
    }
  });
});
