// Runs the integration tests inside a real VS Code extension host (code-server), with this folder as the
// extension under development, and exits with mocha's result (0 pass, 1 fail).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { closeBrowser, launchBrowser } from '../../scripts/lib/browser.mjs';
import { makeScratch, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { ensureVsCode, repoRoot } from '../../scripts/ensure-vscode.mjs';

// Must match startMarker in index.ts.
const startMarker = 'makescope-integration-tests: start';
const testsEntry = join(repoRoot, 'out', 'test', 'integration', 'index.js');
const deadlineMs = 180_000;
const verbose = Boolean(process.env.MAKESCOPE_VERBOSE);
const log = (message) => console.log(`[integration] ${message}`);

function build() {
  // esbuild leaves old bundles behind; a deleted test must not keep running from out/.
  rmSync(dirname(testsEntry), { recursive: true, force: true });
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node esbuild.mjs failed (exit ${result.status})`);
  if (!existsSync(testsEntry)) throw new Error(`the build did not produce ${testsEntry}`);
}

/** Prints a browser console message; the extension host's (mocha's) arrive as ['%c LEVEL', css, format, ...args]. */
async function printConsole(message, state) {
  const values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '?')));
  const level = typeof values[0] === 'string' ? /^%c\s*(\w+)/.exec(values[0]) : null;
  const text = level ? format(...values.slice(2)) : message.text();
  if (text.includes(startMarker)) {
    state.started = true;
    return;
  }
  // Before the marker it is the workbench starting up: shown only with MAKESCOPE_VERBOSE=1.
  if (!text.trim() || !(verbose || (level && state.started))) return;
  console.log(text.replace(/^/gm, '  '));
}

/** Resolves with the exit code VS Code reports through window.codeAutomationExit, or rejects at the deadline. */
async function runTests(page, url) {
  let timer;
  let report;
  const exitCode = new Promise((resolve, reject) => {
    report = resolve;
    timer = setTimeout(() => reject(new Error(`no test result within ${deadlineMs / 1000} s`)), deadlineMs);
  });
  // VS Code's web workbench calls this when the extension tests finish: 0 passed, 1 failed.
  await page.exposeFunction('codeAutomationExit', (code) => report(Number(code)));
  const state = { started: false };
  // jsonValue() is async: chain the prints so lines keep their order.
  let printed = Promise.resolve();
  page.on('console', (message) => {
    printed = printed.then(() => printConsole(message, state));
  });
  if (verbose) page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`));
  await page.goto(url);
  try {
    const code = await exitCode;
    await printed;
    return code;
  } finally {
    clearTimeout(timer);
    page.removeAllListeners('console');
  }
}

async function main() {
  ensureVsCode();
  build();
  const scratch = makeScratch('integration');
  // A fresh copy of examples/ (removed with the scratch folder): the tests never open the repository's own.
  const folder = mkdtempSync(join(scratch.root, 'examples-'));
  cpSync(join(repoRoot, 'examples'), folder, { recursive: true });
  const server = await startCodeServer({ scratch, folder });
  const browser = await launchBrowser();
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(testsEntry)],
  ]);
  const started = Date.now();
  let code = 1;
  // Ctrl-C: exit through process.exit so startCodeServer's exit hook kills code-server's process group.
  process.once('SIGINT', () => process.exit(130));
  try {
    code = await runTests(browser.page, server.url({ payload }));
    log(
      `tests ${code === 0 ? 'passed' : 'FAILED'} (exit ${code}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    log(`FAILED: ${error instanceof Error ? error.message : error}`);
    log(`code-server output:\n${server.output.join('\n')}`);
  } finally {
    await closeBrowser(browser);
    await server.stop();
    rmSync(scratch.root, { recursive: true, force: true });
  }
  process.exitCode = code === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(`[integration] ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
