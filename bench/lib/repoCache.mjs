// Where the bench keeps the big trees it generates (the scale repositories' checkouts, up to
// 250,000 files, and the paths case's 75,000-file workspace): outside the checkout, because vsce
// walks the extension folder, and a checkout holding them made the Marketplace package test time
// out. One folder per checkout (its real path's hash), reused across runs; `--clean-cache` removes
// it first; CULPRIT_BENCH_CACHE names another folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The cache folder of the checkout at `repoRoot`. */
export function repoCacheDir(repoRoot) {
  if (process.env.CULPRIT_BENCH_CACHE) return path.resolve(process.env.CULPRIT_BENCH_CACHE);
  const real = realpathSync(repoRoot);
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  const key = createHash('sha256').update(real).digest('hex').slice(0, 12);
  return path.join(base, 'culprit-bench', `${path.basename(real)}-${key}`);
}

/**
 * Prepares `cache`: emptied when `clean`; the trees earlier runs left under `work` (bench/.work,
 * inside the extension folder) moved into it, or removed when they cannot be moved there.
 */
export function prepareRepoCache(cache, work, { clean, log }) {
  if (clean) {
    rmSync(cache, { recursive: true, force: true });
    log(`  --clean-cache: removed ${cache}`);
  }
  mkdirSync(cache, { recursive: true });
  for (const name of ['scale', 'paths']) {
    const old = path.join(work, name);
    if (!existsSync(old)) continue;
    const target = path.join(cache, name);
    try {
      if (clean || existsSync(target)) throw new Error('not moved');
      renameSync(old, target);
      log(`  moved bench/.work/${name} to ${target}`);
    } catch {
      rmSync(old, { recursive: true, force: true });
      log(`  removed bench/.work/${name} (generated trees now live in ${cache})`);
    }
  }
}
