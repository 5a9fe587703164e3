// Hover values: every variable of the project comes from one make run, so later hovers are answered at once.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HoverValues } from '../../server/src/probeRequests/hoverValues';
import { ProbeRuns } from '../../server/src/probeRequests/probeRuns';
import { DEFAULT_SETTINGS } from '../../contract/settings';

describe('resolved values for hovers', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-hover-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  /** Hover values through the server's door for make, with the folder's (default) settings. */
  function hoverValues(): HoverValues {
    return new HoverValues(
      new ProbeRuns({ settings: () => DEFAULT_SETTINGS, workspaceFolders: () => [folder] }),
    );
  }
  const hovering = new AbortController().signal;

  it('resolves the whole project on the first hover; the next hovers need no make run', async () => {
    const makefile = path.join(folder, 'Makefile');
    await writeFile(makefile, 'A = one\nB = $(A) two\nall: ; @true\n');
    const values = hoverValues();
    const names = (): string[] => ['A', 'B'];
    const first = await values.lookup('project-1', makefile, 'A', undefined, hovering, names);
    assert.deepEqual(first, [{ value: 'one', origin: 'file', flavor: 'recursive', target: undefined }]);
    // make would now say "changed": the cached answer of the first run shows no second run happened.
    await writeFile(makefile, 'A = one\nB = changed\nall: ; @true\n');
    const second = await values.lookup('project-1', makefile, 'B', undefined, hovering, names);
    assert.equal(second[0]?.value, 'one two');
    // A new key (the project changed) asks make again.
    const third = await values.lookup('project-2', makefile, 'B', undefined, hovering, names);
    assert.equal(third[0]?.value, 'changed');
  });

  it('a name whose batch fails is still resolved on its own', async () => {
    const makefile = path.join(folder, 'Makefile');
    await writeFile(makefile, 'A = one\nSTOP = $(error no)\nall: ; @true\n');
    const values = hoverValues();
    const result = await values.lookup('p', makefile, 'A', undefined, hovering, () => ['A', 'STOP']);
    assert.equal(result[0]?.value, 'one');
  });
});
