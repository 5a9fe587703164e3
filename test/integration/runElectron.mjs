// Runs the integration tests in desktop VS Code downloaded by @vscode/test-electron (needs internet and a
// display, e.g. `xvfb-run -a node test/integration/runElectron.mjs`). Where VS Code cannot be downloaded,
// use runInCodeServer.mjs instead; both run the same bundled tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main() {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`node esbuild.mjs failed (exit ${build.status})`);
  const userData = mkdtempSync(join(tmpdir(), 'makescope-electron-'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [
        join(repoRoot, 'examples'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--user-data-dir',
        userData,
      ],
    });
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[integration/electron] ${error instanceof Error ? error.message : error}`);
  console.error(
    '[integration/electron] without access to VS Code downloads, use test/integration/runInCodeServer.mjs',
  );
  process.exitCode = 1;
});
