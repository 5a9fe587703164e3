// The preloaded recorder's coverage: a program a recorded process became or started must report itself.
import * as assert from 'node:assert/strict';
import { UnrecordedPrograms } from '../../../engine/parallel/preload/preloadCoverage';

function unrecorded(lines: string[]): string[] {
  const coverage = new UnrecordedPrograms();
  for (const line of lines) coverage.line(line);
  return coverage.finish();
}

describe('preloaded recorder coverage', function () {
  it('is satisfied when each exec and spawn is followed by its report, in either order for a spawn', function () {
    assert.deepEqual(
      unrecorded([
        '10 execve("/usr/bin/make", [], ["MAKESCOPE_TARGET="]) = 0',
        // The child ran and reported before make wrote that it started it.
        '10 clone() = 11',
        '11 execve("/usr/bin/cc", [], ["MAKESCOPE_TARGET=a.o"]) = 0',
        '10 spawn("/usr/bin/cc") = 11',
        '10 spawn("/bin/sh") = 12',
        '12 execve("/bin/dash", [], []) = 0',
        // The shell's PATH search: two failed attempts, then the one that runs.
        '13 exec("/usr/local/bin/as") = 0',
        '13 exec("/usr/local/bin/as") = -1 ENOENT',
        '13 exec("/usr/bin/as") = 0',
        '13 execve("/usr/bin/x86_64-linux-gnu-as", [], []) = 0',
      ]),
      [],
    );
  });

  it('names a program that never reported: a static one, spawned or exec-ed', function () {
    assert.deepEqual(
      unrecorded([
        '10 execve("/usr/bin/make", [], []) = 0',
        '10 spawn("./writer") = 11',
        '12 exec("/opt/static tool") = 0',
        '10 spawn("/bin/false") = -1 ENOENT',
      ]),
      ['./writer', '/opt/static tool'],
    );
  });
});
