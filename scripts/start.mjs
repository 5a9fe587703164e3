// `npm start`: build, package and install the extension into a local code-server opening examples/, then serve
// until Ctrl-C. `--smoke` (or MAKESCOPE_SMOKE=1) instead checks once that the workbench loads, and exits.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeBrowser, launchBrowser, waitForWorkbench } from './lib/browser.mjs';
import { installExtension, makeScratch, startCodeServer } from './lib/codeServer.mjs';
import { buildAndPackage } from './lib/vsix.mjs';
import { ensureVsCode, repoRoot } from './ensure-vscode.mjs';

const smoke = process.argv.includes('--smoke') || process.env.MAKESCOPE_SMOKE === '1';
const portArg = process.argv.find((arg) => arg.startsWith('--port='));
const port = portArg ? Number(portArg.slice('--port='.length)) : undefined;
const log = (message) => console.log(`[start] ${message}`);

async function smokeCheck(server) {
  const browser = await launchBrowser();
  try {
    const started = Date.now();
    await browser.page.goto(server.url());
    await waitForWorkbench(browser.page);
    const title = await browser.page.title();
    log(`workbench loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (title: ${title})`);
  } finally {
    await closeBrowser(browser);
  }
}

async function main() {
  // System packages and code-server first: a machine that lacks one stops here, before the build.
  ensureVsCode();
  const vsix = buildAndPackage(log);
  const scratch = makeScratch(smoke ? 'smoke' : 'start');
  installExtension(scratch, vsix);
  log(`installed ${vsix} into ${scratch.extensions}`);
  const server = await startCodeServer({
    scratch,
    folder: join(repoRoot, 'examples'),
    port,
    log: (line) => process.env.MAKESCOPE_VERBOSE && console.log(`[code-server] ${line}`),
  });
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    rmSync(scratch.root, { recursive: true, force: true });
    process.exit(code);
  };
  if (smoke) {
    try {
      await smokeCheck(server);
      log('smoke check passed');
      await shutdown(0);
    } catch (error) {
      console.error(`[start] smoke check failed: ${error instanceof Error ? error.message : error}`);
      await shutdown(1);
    }
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));
  void server.exited.then((code) => {
    if (stopping) return;
    console.error(
      `[start] code-server stopped unexpectedly (${code}); run with MAKESCOPE_VERBOSE=1 to see its log`,
    );
    void shutdown(1);
  });
  log(`VS Code (code-server) is ready with Makescope installed. Open:\n\n  ${server.url()}\n`);
  log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
