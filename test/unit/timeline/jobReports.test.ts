// The preloaded recorder's job reports read as the recipe recorder's: make's own times kept, R passed through,
// and the makes that loaded the library counted against the makes that started.
import * as assert from 'node:assert/strict';
import { fromJobReports } from '../../../engine/timeline/jobReports';

describe('job reports', function () {
  it('turns B and F into S and E at make’s own times, starts R at its make’s M, and counts M against R', function () {
    const read = fromJobReports([
      { time: 10.4, line: 'M 10.001 100 99' },
      { time: 10.5, line: 'R 0 /p' },
      { time: 10.6, line: 'B 10.002000001 101 100 99 0|/p|sub' },
      { time: 10.7, line: 'R 1 /p/sub dir' },
      { time: 10.9, line: 'B 10.1 102 101 100 ' },
      { time: 11.0, line: 'F 10.9 101 0' },
      { time: 11.0, line: 'B nonsense' },
    ]);
    assert.deepEqual(read.lines, [
      // The R read late takes its make's start (M).
      { time: 10.001, line: 'R 0 /p' },
      { time: 10.002000001, line: 'S 101 100 99 0|/p|sub' },
      { time: 10.7, line: 'R 1 /p/sub dir' },
      { time: 10.1, line: 'S 102 101 100 ' },
      { time: 10.9, line: 'E 101 0' },
    ]);
    // The sub-make read (R) but never loaded the library (no second M): some of its jobs are missing.
    assert.deepEqual([read.makesRecorded, read.makesStarted], [1, 2]);
  });
});
