import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');
const FOLDERS = ['src', 'webview/src', 'test', 'scripts', 'bench'];
// Captured programs and recorded data, not the project's own prose.
const SKIP = new Set(['test/fixtures', 'bench/scenarios', 'bench/.work']);

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return SKIP.has(rel) ? [] : sources(rel);
    return /\.(ts|mjs|cjs|js)$/.test(e.name) ? [rel] : [];
  });
}

/** A comment line that points at this machine or at notes kept outside the repository. */
const OUTSIDE = /(?:^|[\s(`'"])(?:\/work\/|\/home\/\w|\/root\/|shared\/[\w-]+\/|\/coord\/)/;

describe('comments cite only what is in the repository', () => {
  it('no comment names a machine path or a document outside the repository', () => {
    const hits: string[] = [];
    for (const file of FOLDERS.flatMap(sources)) {
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const comment = /^\s*(?:\/\/|\/?\*)(.*)$/.exec(line)?.[1];
          if (comment !== undefined && OUTSIDE.test(comment)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(hits, []);
  });
});
