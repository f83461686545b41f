// Bundles the detail panel's webview (webview/src) to dist/webview/panel.js + panel.css.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the webview bundle; `outDir` defaults to `<repo>/dist/webview`. */
export async function buildWebview({
  outDir = path.join(root, 'dist', 'webview'),
  minify = false,
  sourcemap = true,
} = {}) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'webview', 'src', 'main.ts')],
    outfile: path.join(outDir, 'panel.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap,
    minify,
    logLevel: 'warning',
    tsconfig: path.join(root, 'webview', 'tsconfig.json'),
  });
  copyFileSync(path.join(root, 'webview', 'src', 'panel.css'), path.join(outDir, 'panel.css'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildWebview();
