// The Parallel Diff webview's inline style and script (loaded under the panel's CSP nonce).
import { keepPageState } from '../../infrastructure/webviewPage';

export const parallelDiffStyle = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.4em; } h3 { font-size: 1em; }
.ok { color: var(--vscode-testing-iconPassed, green); }
.bad { color: var(--vscode-errorForeground); }
.dim { opacity: 0.75; }
table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; text-align: left; }
pre, code { font-family: var(--vscode-editor-font-family); }
pre { background: var(--vscode-textCodeBlock-background); padding: 6px; white-space: pre-wrap; }
.finding { margin: 8px 0; } .finding .fix { background: var(--vscode-textCodeBlock-background); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 2px 8px; cursor: pointer; }
button[disabled] { opacity: 0.5; cursor: default; }
a { color: var(--vscode-textLink-foreground); }
`;

// Plain script: the webview posts what was clicked; the extension does the work.
export const parallelDiffScript = `
(function () {
${keepPageState}
  document.body.addEventListener('click', function (event) {
    const element = event.target.closest('[data-diff],[data-file],[data-copy],[data-fix]');
    if (!element || element.disabled) return;
    event.preventDefault();
    if (element.dataset.diff) vscode.postMessage({ command: 'diff', subject: JSON.parse(element.dataset.diff) });
    else if (element.dataset.file) vscode.postMessage({ command: 'open', file: element.dataset.file, line: Number(element.dataset.line) });
    else if (element.dataset.copy) vscode.postMessage({ command: 'copy', text: element.dataset.copy });
    else if (element.dataset.fix) vscode.postMessage({ command: 'applyFix', index: Number(element.dataset.fix) });
  });
})();
`;
