// Runs one CLI command on a workspace's make folder as a user would, and checks the promise kept: the tree unchanged, no scratch path printed.
import * as assert from 'node:assert/strict';
import { type CliRun, MAKE_TIMEOUT_SECONDS, runCli, scratchPaths } from './runCli';
import { compareFingerprints, fingerprintTree } from './treeFingerprint';
import type { Workspace } from './workspace';

/** `makescope COMMAND -C <make folder> --timeout N ...rest`, asserting the real tree stayed as it was. */
export async function runUntouched(workspace: Workspace, command: string, rest: string[]): Promise<CliRun> {
  const before = await fingerprintTree(workspace.projectRoot);
  const answer = await runCli(
    [command, '-C', workspace.makeDirectory, '--timeout', String(MAKE_TIMEOUT_SECONDS), ...rest],
    { cwd: workspace.runRoot, tmp: workspace.tmp },
  );
  const after = await fingerprintTree(workspace.projectRoot);
  assert.deepEqual(compareFingerprints(workspace.projectRoot, before, after), [], 'the tree is unchanged');
  assert.deepEqual(scratchPaths(answer.stdout + answer.stderr, workspace.tmp), []);
  return answer;
}
