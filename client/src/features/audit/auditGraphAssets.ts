// The audit graph webview's inline style and script (loaded under the panel's CSP nonce).
import { keepPageState } from '../../infrastructure/webviewPage';

export const auditGraphStyle = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
h1 { font-size: 1.3em; }
.dim { opacity: 0.75; }
form { margin: 8px 0; } input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, #888); padding: 2px 6px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 3px 8px; cursor: pointer; }
#legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 10px; }
#legend span { display: inline-flex; align-items: center; gap: 4px; }
svg text { fill: var(--vscode-foreground); font-family: var(--vscode-editor-font-family); font-size: 12px; }
.node rect { fill: var(--vscode-editor-background); stroke: var(--vscode-foreground); stroke-opacity: 0.6; }
.node.file rect { stroke-dasharray: 2 2; }
.node.side-output rect { stroke: #b180d7; stroke-dasharray: 5 3; stroke-opacity: 1; }
.node.selected rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; stroke-opacity: 1; }
.node[data-file] { cursor: pointer; } .node[data-file]:hover rect { stroke-width: 2; }
line.edge { stroke-width: 1.4; }
.edge.declared { stroke: #888; }
.edge.order-only { stroke: #888; stroke-dasharray: 6 4; }
.edge.observed-only { stroke: #f14c4c; stroke-width: 2.4; }
.edge.unread { stroke: #cca700; stroke-dasharray: 2 3; stroke-width: 2; }
.edge.side-output { stroke: #b180d7; stroke-dasharray: 5 3; }
`;

// Plain script: the webview posts what was clicked or typed; the extension does the work.
export const auditGraphScript = `
(function () {
${keepPageState}
  document.body.addEventListener('click', function (event) {
    const element = event.target.closest('[data-file],[data-whole]');
    if (!element) return;
    event.preventDefault();
    if (element.dataset.whole !== undefined) vscode.postMessage({ command: 'select', target: '' });
    else vscode.postMessage({ command: 'open', file: element.dataset.file, line: Number(element.dataset.line) });
  });
  document.getElementById('filter').addEventListener('submit', function (event) {
    event.preventDefault();
    vscode.postMessage({ command: 'select', target: document.getElementById('target').value.trim() });
  });
})();
`;
