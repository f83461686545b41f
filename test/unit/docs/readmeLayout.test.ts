import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');

/** The folders the README's `## Layout` table names, as `src/core/`, in table order. */
function tableFolders(readme: string): string[] {
  const section = /^## Layout\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

function subfolders(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${dir}${e.name}/`);
}

/** Every folder the table must describe: src/ two levels deep, and the top-level test/, bench/, webview/, scripts/. */
function requiredFolders(): string[] {
  const src = subfolders('src/').flatMap((d) => [d, ...subfolders(d)]);
  return [...src, 'test/', 'bench/', 'webview/', 'scripts/'];
}

describe("README's layout table matches the folders", () => {
  const rows = tableFolders(readFileSync(path.join(root, 'README.md'), 'utf8'));

  it('reads the table', () => assert.ok(rows.length >= 10, `found ${rows.length} rows`));

  it('names every folder of src/ (two levels) and the top-level test/, bench/, webview/ and scripts/', () => {
    const missing = requiredFolders().filter((d) => !rows.includes(d));
    assert.deepEqual(missing, [], `add to README.md's layout table: ${missing.join(', ')}`);
  });

  it('names no folder that does not exist, and none twice', () => {
    const extra = rows.filter((d) => !statSync(path.join(root, d), { throwIfNoEntry: false })?.isDirectory());
    assert.deepEqual(extra, [], `README.md's layout table names missing folders: ${extra.join(', ')}`);
    assert.deepEqual(
      rows.filter((d, i) => rows.indexOf(d) !== i),
      [],
    );
  });

  it('lists src/ folders under their parent: a new src/ area must be placed, not appended anywhere', () => {
    const src = rows.filter((d) => d.startsWith('src/'));
    const parents = src.map((d) => d.split('/').slice(0, 2).join('/'));
    const runs = parents.filter((p, i) => p !== parents[i - 1]);
    assert.equal(new Set(runs).size, runs.length, `src/ rows out of order: ${src.join(', ')}`);
  });
});
