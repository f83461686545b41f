// Bundles the CLI, the extension and the detail panel's webview with esbuild.
// `--production` (npm run package): minified, no source maps, for the .vsix.
import { build } from 'esbuild';
import { existsSync, chmodSync, rmSync } from 'node:fs';
import { buildWebview } from './buildWebview.mjs';

const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', legalComments: production ? 'none' : 'inline' };

if (production) rmSync('dist', { recursive: true, force: true });

await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cli.js', 0o755);

if (existsSync('src/extension/extension.ts')) {
  await build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], format: 'cjs' });
}
await buildWebview({ minify: production, sourcemap: !production });
