// Bundles the CLI, the extension and the detail panel's webview with esbuild.
// `--production` (npm run package): minified, no source maps, for the .vsix.
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebview } from './buildWebview.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The CLI: ES-module chunks in `dist/cli/` (esbuild code splitting), so a run reads and compiles only
 * what its command needs: `--help` the argument parser, `triage --event` the pipeline without the
 * providers' HTTP clients (axios and its dependencies are their own chunk). `dist/cli.js` (the `bin`)
 * is a CommonJS stub that imports the entry chunk. The chunks get `require` from `createRequire` for
 * the CommonJS dependencies bundled into them.
 */
async function buildCli(common, outDir) {
  const chunks = path.join(outDir, 'cli');
  rmSync(chunks, { recursive: true, force: true }); // chunk names carry a hash: drop the old ones
  await build({
    ...common,
    entryPoints: { main: path.join(root, 'src/cli/main.ts') },
    outdir: chunks,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    banner: {
      js: "import { createRequire as __cjsRequire } from 'node:module';\nconst require = __cjsRequire(import.meta.url);",
    },
  });
  const stub = path.join(outDir, 'cli.js');
  writeFileSync(
    stub,
    "#!/usr/bin/env node\n'use strict';\n// The CLI's entry chunk (see scripts/build.mjs).\nimport('./cli/main.mjs');\n",
  );
  chmodSync(stub, 0o755);
  rmSync(path.join(outDir, 'cli.js.map'), { force: true });
}

/** Builds every bundle into `outDir` (default `<repo>/dist`); production = minified, no maps. */
export async function buildBundles({ production = false, outDir = path.join(root, 'dist') } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    legalComments: production ? 'none' : 'inline',
  };
  if (production) rmSync(outDir, { recursive: true, force: true });
  await buildCli(common, outDir);
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/extension/extension.ts')],
    outfile: path.join(outDir, 'extension.js'),
    external: ['vscode'],
    format: 'cjs',
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/extension/parseWorker.ts')],
    outfile: path.join(outDir, 'parseWorker.js'),
    format: 'cjs',
  });
  await buildWebview({ outDir: path.join(outDir, 'webview'), minify: production, sourcemap: !production });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundles({ production: process.argv.includes('--production') });
}
