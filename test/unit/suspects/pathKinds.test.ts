import { strict as assert } from 'node:assert';
import { isNonCodePath, isTestPath } from '../../../src/core/suspects/pathKinds';

describe('pathKinds', () => {
  it('knows production code from tests, docs, lockfiles, CI and built output', () => {
    for (const p of ['src/a.js', 'app/models/user.rb', 'pkg/server/handler.go', 'src/outlet.js', 'lib/docsLink.ts'])
      assert.equal(isNonCodePath(p), false, p);
    for (const p of [
      'README.md',
      'docs/guide.js',
      'CHANGELOG.txt',
      'test/a.js',
      'src/a.test.ts',
      'src/app/test_utils.py',
      'src/FooTest.java',
      'package-lock.json',
      'services/api/yarn.lock',
      'go.sum',
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
      'dist/app.js',
      'public/app.js.map',
    ])
      assert.equal(isNonCodePath(p), true, p);
    assert.equal(isTestPath('README.md'), false);
    assert.equal(isTestPath('spec/models/user_spec.rb'), true);
  });
});
