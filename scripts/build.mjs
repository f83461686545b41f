// Bundles the CLI, the extension and the detail panel's webview with esbuild.
// `--production` (npm run package): minified, no source maps, for the .vsix.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebview } from './buildWebview.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
  const cli = path.join(outDir, 'cli.js');
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: cli,
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(cli, 0o755);
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
