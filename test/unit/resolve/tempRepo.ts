import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temp directory laid out like a repo: every listed path becomes a small real file. */
export interface TempRepo {
  root: string;
  files: string[];
  remove(): void;
}

export function makeTempRepo(files: string[]): TempRepo {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'culprit-resolve-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), `// ${file}\n`);
  }
  return { root, files: [...files], remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
