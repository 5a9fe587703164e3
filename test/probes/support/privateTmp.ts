// A private TMPDIR for the duration of `work`: proves no sandbox copy is left without racing other users of /tmp.
import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export async function withPrivateTmp<T>(work: () => Promise<T>): Promise<T> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'makescope-parallel-test-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    const result = await work();
    assert.deepEqual(await readdir(scratch), [], 'a sandbox copy or scratch folder was left behind');
    return result;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(scratch, { recursive: true, force: true });
  }
}
