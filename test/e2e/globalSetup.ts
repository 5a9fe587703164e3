// Mocha global fixture for the end-to-end tests: installs code-server if needed and packages the .vsix once.
import { rmSync } from 'node:fs';
import { ensureVsCode } from '../../scripts/ensure-vscode.mjs';
import { buildAndPackage } from '../../scripts/lib/vsix.mjs';
import { screenshotDir } from './workbench';

export function mochaGlobalSetup(): void {
  rmSync(screenshotDir, { recursive: true, force: true }); // screenshots of this run only
  ensureVsCode();
  buildAndPackage((message) => console.log(`[e2e] ${message}`));
}
