// The bench's own ES modules (corpus generator, scenario builder, split), imported by tests from the repository root.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = path.resolve(__dirname, '../..');

/** A module of this repository by its path from the root, e.g. `bench/lib/split.mjs`. */
export const importBenchModule = (file: string): Promise<Record<string, unknown>> =>
  import(pathToFileURL(path.join(repoRoot, file)).href);
