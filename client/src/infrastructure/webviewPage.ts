// The page every Makescope webview panel shows: a strict Content-Security-Policy (no network, inline style and
// script only with a fresh nonce), the panel's own style and script, and its state as inert JSON for the script.
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** The webview's cspSource (vscode.Webview.cspSource). */
  cspSource: string;
  title: string;
  style: string;
  script: string;
  body: string;
  /** Read by the script from `<script id="state" type="application/json">`; null for an empty panel. */
  state: unknown;
}

export function webviewPageHtml(page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  // `<` escaped so no text in the state can close the script element.
  const state = JSON.stringify(page.state ?? null).replaceAll('<', '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${page.title}</title>
<style nonce="${nonce}">${page.style}</style>
</head>
<body>
${page.body}
<script nonce="${nonce}" id="state" type="application/json">${state}</script>
<script nonce="${nonce}">${page.script}</script>
</body>
</html>`;
}

/**
 * The start of every panel script: the VS Code API (acquired once per page, as `vscode`) and the page's state kept
 * with setState, so VS Code hands it to the panel's serializer after a window reload.
 */
export const keepPageState = `
  const vscode = acquireVsCodeApi();
  try { vscode.setState(JSON.parse(document.getElementById('state').textContent)); } catch (e) { /* no state */ }`;

/** Text safe inside the page's HTML, attribute values included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
