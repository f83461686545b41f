// Prints the .vsix size and fails when it exceeds the 2 MB budget.
import { statSync } from 'node:fs';

const file = process.argv[2] ?? 'culprit.vsix';
const LIMIT = 2 * 1024 * 1024;
const size = statSync(file).size;
console.log(`${file}: ${(size / 1024).toFixed(0)} KB (budget ${LIMIT / 1024} KB)`);
if (size > LIMIT) {
  console.error(`${file} is over the 2 MB budget`);
  process.exit(1);
}
