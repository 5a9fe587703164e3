// make is detected once per process: one run (make -p of an empty makefile gives the version and .FEATURES).
import * as assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../cli/src/cli';
import { MAKES } from './support/makes';

describe('make detection runs', () => {
  let scratch: string | undefined;
  afterEach(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  it('runs make once to detect it, however many probes a command runs', async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'makescope-detect-'));
    const project = path.join(scratch, 'project');
    const log = path.join(scratch, 'runs.log');
    const wrapper = path.join(scratch, 'make');
    // A make that records each of its command lines outside the project, then is the real make.
    await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${MAKES[0].path}' "$@"\n`);
    await chmod(wrapper, 0o755);
    await mkdir(project);
    await writeFile(path.join(project, 'Makefile'), 'A = 1\nall: ; @echo $(A)\n');
    let stderr = '';
    for (const command of ['vars', 'dry-run']) {
      const code = await runCli(
        [command, '-C', project, '--make', wrapper, '--json'],
        { write: () => true },
        { write: (text: string) => (stderr += text) },
      );
      assert.ok(code === 0 || code === 1, stderr);
    }
    const runs = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    assert.deepEqual(
      runs.filter((line) => line === '-f /dev/null -pq' || line.includes('--version')),
      ['-f /dev/null -pq'],
      runs.join('\n'),
    );
  });
});
