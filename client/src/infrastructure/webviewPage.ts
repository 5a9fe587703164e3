// A webview panel's page: a strict CSP (no remote or local resources; inline style and script under one nonce).
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface PageParts {
  title: string;
  style: string;
  script: string;
  body: string;
  /** Kept in the page as JSON for the script (e.g. vscode.setState for a panel serializer). */
  state?: unknown;
}

/** Text safe inside HTML, attributes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function webviewPage(webview: vscode.Webview, parts: PageParts): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const state = JSON.stringify(parts.state ?? null).replaceAll('<', '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(parts.title)}</title>
<style nonce="${nonce}">${parts.style}</style>
</head>
<body>
${parts.body}
<script nonce="${nonce}" id="state" type="application/json">${state}</script>
<script nonce="${nonce}">${parts.script}</script>
</body>
</html>`;
}
