import * as fs from 'fs';
import * as path from 'path';

/** Reads a fixture captured by scripts/fixtures/git/capture.sh. */
export function gitFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../../fixtures/git', name), 'utf8');
}

export interface FixtureMeta {
  v1_0_0: string;
  v1_1_0: string;
  head: string;
  bob: string;
  carolRates: string;
  carolTax: string;
  dan: string;
}

export const meta: FixtureMeta = JSON.parse(gitFixture('meta.json'));
