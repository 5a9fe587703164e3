// Cancels a running probe and asserts it fails as cancelled and leaves no process of any group it started.
import * as assert from 'node:assert/strict';
import { ProbeError } from '../../../engine/probes/probeOptions';
import { pollUntil, processesInGroup } from './processGroups';

/** The house promise: every process a cancelled probe started is gone within 1 s. */
export async function cancelAndExpectNoProcessLeft(
  controller: AbortController,
  probe: Promise<unknown>,
  groups: readonly number[],
): Promise<void> {
  controller.abort();
  await assert.rejects(probe, (error: unknown) => error instanceof ProbeError && error.kind === 'cancelled');
  const gone = await pollUntil(() => groups.every((pgid) => processesInGroup(pgid).length === 0), 1000);
  assert.ok(gone, `processes left: ${groups.flatMap(processesInGroup).join(' ')}`);
}
