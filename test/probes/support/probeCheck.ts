// Runs a probe on a workspace and asserts the workspace tree is identical afterwards: bytes, modes, mtimes, ctimes.
import * as assert from 'node:assert/strict';
import { snapshotTree } from './treeSnapshot';

export async function unchanged<T>(directory: string, probe: () => Promise<T>): Promise<T> {
  const before = await snapshotTree(directory);
  let result: T;
  try {
    result = await probe();
  } finally {
    assert.deepEqual(await snapshotTree(directory), before, 'the probe changed the workspace');
  }
  return result;
}
