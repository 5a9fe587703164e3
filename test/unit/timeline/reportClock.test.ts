// The recorder's reports carry the kernel's uptime: a stamp the probe took late (its event loop busy) moves back to
// within one uptime step of it; prompt stamps and reports without an uptime stay as they were.
import * as assert from 'node:assert/strict';
import { onKernelClock } from '../../../engine/timeline/reportClock';

const round = (value: number): number => +value.toFixed(3);

describe('report clock', function () {
  // The probe's clock reads 1000.000 when the uptime reads 40.000 (no suspend: one offset, 960).
  const lines = [
    { time: 1000.002, line: 'R 40.00 0 /p' },
    { time: 1000.051, line: 'S 40.05 11 10 1 0|/p|y' },
    // Read 180 ms after it was written (a collection in the probe): its uptime says 1000.30 at the latest.
    { time: 1000.48, line: 'S 40.29 12 10 1 0|/p|x' },
    { time: 1000.48, line: 'L 0 x /p' },
    { time: 1001.053, line: 'E 41.05 11 0' },
    { time: 1001.3, line: 'E - 12 0' },
  ];

  it('moves a late stamp back to one step after the uptime its report carries, and takes the uptime out', function () {
    const read = onKernelClock(lines, [{ probe: 999.9, uptime: 39.9 }]);
    assert.deepEqual(
      read.map(({ time, line }) => [round(time), line]),
      [
        [1000.002, 'R 0 /p'],
        [1000.051, 'S 11 10 1 0|/p|y'],
        [1000.3, 'S 12 10 1 0|/p|x'],
        [1000.48, 'L 0 x /p'],
        [1001.053, 'E 11 0'],
        // No uptime ('-': /proc/uptime could not be read): the stamp as it was.
        [1001.3, 'E 12 0'],
      ],
    );
  });

  it('finds the offset from the reports alone, and changes nothing without an uptime anywhere', function () {
    // The least bound the reports give is 960.001 (y's start, read 1 ms after its uptime).
    assert.equal(round(onKernelClock(lines, [])[2]!.time), 1000.301);
    const bare = [{ time: 5, line: 'S - 1 2 3 0|/p|a' }];
    assert.deepEqual(onKernelClock(bare, []), [{ time: 5, line: 'S 1 2 3 0|/p|a' }]);
  });
});
