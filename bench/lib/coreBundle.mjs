// Bundles the core modules the benchmarks call into bench/.work/core.cjs with esbuild, the way
// scripts/build.mjs bundles the CLI, so timings are of the code users run (not a tsx transform).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const EXPORTS = [
  ['createFileSource', 'src/core/providers/file/fileSource'],
  ['openTriageWorkspace', 'src/core/triage/triageWorkspace'],
  ['runTriage', 'src/core/triage/runTriage'],
  ['StemIndex', 'src/core/resolve/pathIndex'],
  ['createFrameResolver', 'src/core/resolve/frameResolver'],
  ['normalizeFramePath', 'src/core/resolve/framePath'],
  ['createSourceMapper', 'src/core/sourcemap/sourceMapper'],
  ['createGitRunner', 'src/core/git/gitRunner'],
  ['openRepo', 'src/core/git/gitRepo'],
  ['createSentrySource', 'src/core/providers/sentry/sentrySource'],
  ['newestBlameBaseline', 'src/core/suspects/newestBlameBaseline'],
  ['commitStrength', 'src/core/suspects/evidenceWeight'],
  ['WEIGHT_PARAMS', 'src/core/suspects/evidenceWeight'],
];

/**
 * Path of the bundle, building it first; `outfile` and esbuild `plugins` for a variant (the windows'
 * ablation swaps evidenceWeights.json).
 */
export async function buildCoreBundle(repoRoot, { outfile = join(repoRoot, 'bench/.work/core.cjs'), plugins } = {}) {
  mkdirSync(dirname(outfile), { recursive: true });
  const contents = EXPORTS.map(([name, from]) => `export { ${name} } from './${from}';`).join('\n');
  await build({
    stdin: { contents, resolveDir: repoRoot, loader: 'ts', sourcefile: 'benchCore.ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    plugins,
  });
  return outfile;
}

/** Loads the bundle built by {@link buildCoreBundle}. */
export function loadCore(bundlePath) {
  return createRequire(import.meta.url)(bundlePath);
}
