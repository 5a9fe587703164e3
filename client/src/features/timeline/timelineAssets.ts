// The timeline webview's inline style and script (loaded under the panel's CSP nonce).
import { keepPageState } from '../../infrastructure/webviewPage';

export const timelineStyle = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
h1 { font-size: 1.3em; } h2 { font-size: 1.05em; margin: 14px 0 6px; }
.dim { opacity: 0.75; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
#figures th { text-align: left; font-weight: normal; opacity: 0.8; padding-right: 14px; }
#figures td { font-family: var(--vscode-editor-font-family); }
#columns { display: flex; gap: 40px; flex-wrap: wrap; }
ol, ul { margin: 0; padding-left: 22px; font-family: var(--vscode-editor-font-family); }
#legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 10px 0 6px; }
#legend span { display: inline-flex; align-items: center; gap: 4px; }
.swatch { display: inline-block; width: 22px; height: 10px; }
svg text { fill: var(--vscode-foreground); font-family: var(--vscode-editor-font-family); font-size: 11px; }
text.row-label { opacity: 0.8; }
line.tick { stroke: var(--vscode-foreground); stroke-opacity: 0.15; }
.bar rect, .swatch.job { fill: #3794ff; fill-opacity: 0.55; stroke: #3794ff; }
.bar.critical rect, .swatch.critical { fill: #f14c4c; fill-opacity: 0.8; stroke: #f14c4c; }
.bar.sub-make rect, .swatch.sub-make { fill: #888; fill-opacity: 0.25; stroke: #888; stroke-dasharray: 3 2; }
.swatch.job, .swatch.critical, .swatch.sub-make { border: 1px solid; }
.bar[data-file] { cursor: pointer; } .bar[data-file]:hover rect { stroke-width: 2; }
rect.running, .swatch.running { fill: #89d185; background: #89d185; }
rect.idle, .swatch.idle { fill: #cca700; fill-opacity: 0.35; background: rgba(204, 167, 0, 0.35); }
.swatch.job { background: rgba(55, 148, 255, 0.55); } .swatch.critical { background: rgba(241, 76, 76, 0.8); }
.swatch.sub-make { background: rgba(136, 136, 136, 0.25); }
line.jobs { stroke: var(--vscode-foreground); stroke-dasharray: 4 3; }
`;

// Plain script: the webview posts what was clicked; the extension opens the rule or saves the trace.
export const timelineScript = `
(function () {
${keepPageState}
  // The picture is drawn for the panel's width: say it now and when the panel is resized.
  let timer;
  function sayWidth() { vscode.postMessage({ command: 'width', width: document.body.clientWidth }); }
  window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(sayWidth, 150); });
  sayWidth();
  document.body.addEventListener('click', function (event) {
    const element = event.target.closest('[data-file],[data-export],[data-rerun]');
    if (!element) return;
    event.preventDefault();
    if (element.dataset.export !== undefined) vscode.postMessage({ command: 'export' });
    else if (element.dataset.rerun !== undefined) vscode.postMessage({ command: 'rerun' });
    else vscode.postMessage({ command: 'open', file: element.dataset.file, line: Number(element.dataset.line) });
  });
})();
`;
