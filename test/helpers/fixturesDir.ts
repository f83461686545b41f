/**
 * test/fixtures, found from wherever this code runs: beside the sources under mocha, or from a
 * bundle somewhere inside the checkout (the extension-host suite is bundled under .cache).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function find(): string {
  const beside = path.resolve(__dirname, '..', 'fixtures');
  if (fs.existsSync(beside)) return beside;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`test/fixtures not found above ${__dirname}`);
  }
}

export const FIXTURES_DIR = find();

/** The text of the fixture at `parts` below test/fixtures. */
export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, ...parts), 'utf8');
}
