/**
 * The by-parent level of large stem buckets must be invisible: every lookup answers exactly what a
 * linear scan of the whole bucket answers (the index before the level existed), including ties,
 * candidate order, build folders, `src` stand-ins and the anchored/fullQuery filters.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBuildFolder } from '../../../src/core/resolve/buildFolders';
import { codeFamily, stemOf } from '../../../src/core/resolve/codeExtensions';
import { SPLIT_BUCKET_AT, StemIndex } from '../../../src/core/resolve/pathIndex';
import type { IndexMatch, LookupOptions } from '../../../src/core/resolve/pathIndex.types';

/** The pre-split algorithm, on strings: scan every file of the stem, keep the deepest, break ties. */
function reference(
  files: readonly string[],
  segments: readonly string[],
  ext?: string | null,
  options: LookupOptions = {},
): IndexMatch {
  const none: IndexMatch = { file: null, candidates: [], depth: 0, queryPrefix: 0, localPrefix: 0 };
  const n = segments.length;
  if (n === 0) return none;
  const base = stemOf(segments[n - 1].toLowerCase());
  const frameExt = typeof ext === 'string' ? ext.toLowerCase() : base.ext;
  const family = codeFamily(frameExt);
  const q = segments.slice(0, -1).map((s) => s.toLowerCase());
  const qBuild = q.map((s, i) => isBuildFolder(s, i > 0 ? q[i - 1] : ''));
  let best = 0;
  let tied: Array<{ file: string; sameExt: number; localPrefix: number; queryPrefix: number }> = [];
  for (const file of files) {
    const parts = file.toLowerCase().split('/');
    const own = stemOf(parts[parts.length - 1]);
    if (own.stem !== base.stem || (family !== null && codeFamily(own.ext) !== family)) continue;
    let i = n - 2;
    let j = parts.length - 2;
    let depth = 1;
    while (i >= 0 && j >= 0) {
      if (q[i] === parts[j] || (qBuild[i] && parts[j] === 'src')) {
        depth++;
        i--;
        j--;
      } else if (qBuild[i]) i--;
      else break;
    }
    if (j < 0) while (i >= 0 && qBuild[i]) i--;
    const scored = { file, sameExt: own.ext === frameExt ? 1 : 0, localPrefix: j + 1, queryPrefix: i + 1 };
    if (options.anchored && (scored.queryPrefix > 0 || scored.localPrefix > 0)) continue;
    if (options.fullQuery && scored.queryPrefix > 0) continue;
    if (depth > best) [best, tied] = [depth, [scored]];
    else if (depth === best) tied.push(scored);
  }
  if (tied.length === 0) return none;
  const better = (a: (typeof tied)[0], b: (typeof tied)[0]) => b.sameExt - a.sameExt || a.localPrefix - b.localPrefix;
  const sorted = [...tied].sort(better);
  if (sorted.length === 1 || better(sorted[0], sorted[1]) !== 0) {
    return {
      file: sorted[0].file,
      candidates: [],
      depth: best,
      queryPrefix: sorted[0].queryPrefix,
      localPrefix: sorted[0].localPrefix,
    };
  }
  return {
    file: null,
    candidates: sorted.slice(0, options.maxCandidates ?? 20).map((t) => t.file),
    depth: best,
    queryPrefix: 0,
    localPrefix: 0,
  };
}

const FOLDERS = ['src', 'lib', 'dist', 'utils', 'api', 'Api', 'core', '.next', 'server', 'app', 'pkg', 'test'];
const NAMES = ['index.ts', 'index.js', 'INDEX.tsx', 'index.py', 'index.md', 'util.ts', 'index'];

describe('StemIndex by-parent buckets', () => {
  it('splits only buckets larger than the threshold, and finds files through them', () => {
    const files = Array.from(
      { length: SPLIT_BUCKET_AT * 4 },
      (_, i) => `packages/p${i}/src/${['api', 'utils', 'core'][i % 3]}/index.ts`,
    );
    files.push('index.ts', 'src/index.ts', 'packages/p1/lib/api/index.js');
    const index = StemIndex.build(files);
    assert.equal(
      index.lookup(['app', 'dist', 'p7', 'dist', 'utils', 'index.js']).file,
      'packages/p7/src/utils/index.ts',
    );
    assert.equal(index.lookup(['webpack', 'p1', 'lib', 'api', 'index.js']).file, 'packages/p1/lib/api/index.js');
    assert.equal(index.lookup(['nowhere', 'index.ts'], null, { anchored: true }).file, null);
    assert.equal(index.lookup(['index.ts'], null, { anchored: true }).file, 'index.ts');
    for (const f of files) assert.ok(index.has(f), f);
    for (const f of ['packages/p1/src/api/INDEX.ts', 'packages/p1/src/nope/index.ts', 'index.js', 'src/index.ts/'])
      assert.equal(index.has(f), false, f);
  });

  it('answers exactly like a scan of the whole bucket (property)', () => {
    const segment = fc.constantFrom(...FOLDERS);
    const file = fc
      .tuple(fc.array(segment, { maxLength: 4 }), fc.constantFrom(...NAMES))
      .map(([dirs, name]) => [...dirs, name].join('/'));
    const query = fc.tuple(
      fc.array(fc.constantFrom(...FOLDERS, 'build', 'esm', 'unknown'), { maxLength: 5 }),
      fc.constantFrom(...NAMES),
    );
    const options = fc.record(
      { anchored: fc.boolean(), fullQuery: fc.boolean(), maxCandidates: fc.integer({ min: 1, max: 30 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(file, { minLength: SPLIT_BUCKET_AT, maxLength: 400 }),
        fc.array(fc.tuple(query, fc.option(fc.constantFrom('js', 'ts', 'py', 'TS')), options), { maxLength: 30 }),
        (files, queries) => {
          const index = StemIndex.build(files);
          for (const [[dirs, name], ext, opts] of queries) {
            const segments = [...dirs, name];
            assert.deepEqual(
              index.lookup(segments, ext, opts),
              reference(files, segments, ext, opts),
              JSON.stringify({ segments, ext, opts }),
            );
          }
          for (const f of files) assert.ok(index.has(f));
        },
      ),
      { numRuns: 150 },
    );
  });
});
