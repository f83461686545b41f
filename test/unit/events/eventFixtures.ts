/** Reads the captured event fixtures (produced by scripts/fixtures/capture/*.mjs). */
import fs from 'node:fs';
import path from 'node:path';

const fixtureDir = path.resolve(__dirname, '../../fixtures/events');

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(fixtureDir, name), 'utf8');
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}
