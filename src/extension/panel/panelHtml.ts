/** The detail panel's one HTML shell: strict CSP, nonce'd script, bundle URIs only. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A fresh nonce for one render (128 bits, base64). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The CSP every render uses: nothing by default, scripts only with the render's nonce. */
function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** Escapes text for an HTML attribute (only our own URIs and the nonce ever get here). */
function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The whole document (`bundleRoot` = `<extension>/dist/webview`). It carries no issue data: the model arrives by
 * message after the script's `ready`, and the script renders it with textContent.
 */
export function renderShell(webview: vscode.Webview, nonce: string, bundleRoot: vscode.Uri): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, 'panel.js')).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(bundleRoot, 'panel.css')).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(style)}">
<title>Culprit issue</title>
</head>
<body>
<main id="app" aria-live="polite"><p id="loading">Loading issue…</p></main>
<script nonce="${attr(nonce)}" src="${attr(script)}"></script>
</body>
</html>`;
}
