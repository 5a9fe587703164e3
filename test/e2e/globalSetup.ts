// Mocha global fixture for the end-to-end tests: installs code-server if needed, packages the .vsix once, and
// checks at the end that no session changed the repository's examples/ (sessions open copies of it).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ensureVsCode } from '../../scripts/ensure-vscode.mjs';
import { buildAndPackage } from '../../scripts/lib/vsix.mjs';
import { snapshotTree, type TreeSnapshot } from '../probes/support/treeSnapshot';
import { examplesFolder } from './codeServer';
import { screenshotDir } from './workbench';

let examplesBefore: TreeSnapshot | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  examplesBefore = await snapshotTree(examplesFolder);
  rmSync(screenshotDir, { recursive: true, force: true }); // screenshots of this run only
  ensureVsCode();
  buildAndPackage((message) => console.log(`[e2e] ${message}`));
}

// A root after-all hook, not mochaGlobalTeardown: mocha ignores a failing global teardown in its exit code.
export const mochaHooks = {
  async afterAll(): Promise<void> {
    assert.deepEqual(await snapshotTree(examplesFolder), examplesBefore, 'an e2e session changed examples/');
  },
};
