import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');

/** The folders the README's Layout table (under Development) names, as `src/core/`, in table order. */
function tableFolders(readme: string): string[] {
  const section = /^### Layout\n([\s\S]*?)(?=^##)/m.exec(readme)?.[1] ?? '';
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

describe('README opens as a Marketplace page', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const h2 = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  const at = (title: string) => h2.findIndex((t) => t.startsWith(title));

  it('what it does and the surfaces first, then the no-account quick start, providers, settings, CLI', () => {
    const wanted = ['What you see', 'Quick start (no account)', 'Connect your error tracker', 'Settings', 'CLI'];
    const found = wanted.map(at);
    assert.ok(
      found.every((i) => i >= 0),
      `missing: ${wanted.filter((_, i) => found[i] < 0).join(', ')}`,
    );
    assert.deepEqual(
      [...found].sort((a, b) => a - b),
      found,
      `out of order: ${h2.join(' | ')}`,
    );
    assert.ok(/^# Culprit\n\n\*\*/.test(readme), 'it opens with what Culprit does');
  });

  it('puts the developer material (npm ci, layout) under Development, the last section, and keeps demo and test', () => {
    assert.equal(at('Development'), h2.length - 1, `Development is last: ${h2.join(' | ')}`);
    const dev = readme.indexOf('\n## Development\n');
    assert.ok(readme.indexOf('npm ci') > dev, 'npm ci only under Development');
    assert.ok(readme.indexOf('\n### Layout\n') > dev, 'the layout table under Development');
    assert.match(readme, /npm run demo/);
    assert.match(readme, /npm test/);
  });

  it('shows a screenshot of each main surface, each one in docs/images', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    for (const shot of ['hover', 'inline', 'tree', 'panel', 'bisect-tree', 'walkthrough', 'deploy-range-pick'])
      assert.ok(
        images.some((i) => path.basename(i).startsWith(shot)),
        `no screenshot of ${shot}: ${images.join(', ')}`,
      );
    const missing = images.filter((i) => !statSync(path.join(root, i), { throwIfNoEntry: false })?.isFile());
    assert.deepEqual(missing, [], 'every image the README shows exists');
    // Before the quick start's end: the page leads with what it looks like.
    assert.ok(readme.indexOf('docs/images/hover') < readme.indexOf('## Quick start'));
  });
});
