// The launcher's Perl: strict- and warning-clean when compiled so, though it loads neither module when it runs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { launcherText } from '../../../engine/probes/isolation/namespaceLauncher';

describe('isolation: the namespace launcher', () => {
  // exec's "statement unlikely to be reached" is meant: the line after it reports a failed exec.
  it('compiles under -Mstrict -Mwarnings without a warning', () => {
    const checks = ['-Mstrict', '-Mwarnings', '-M-warnings=exec', '-c'];
    const compiled = spawnSync('perl', [...checks, '-e', launcherText()], {
      encoding: 'utf8',
      timeout: 10_000,
      maxBuffer: 1 << 20,
    });
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.equal(compiled.stderr, '-e syntax OK\n');
  });

  it('loads no module when it runs (each costs every isolated make run a few ms)', () => {
    assert.deepEqual(
      launcherText()
        .split('\n')
        .filter((line) => /^\s*(use|require|no)\s/.test(line)),
      [],
    );
  });
});
