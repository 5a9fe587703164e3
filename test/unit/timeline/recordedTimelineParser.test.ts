// The recipe recorder's reports read into spans and makefile reads: a recursive build, a make that re-executes, a line
// killed before its end report, and a pid the system gave out twice.
import * as assert from 'node:assert/strict';
import { parseRecordedTimeline } from '../../../engine/timeline/recordedTimelineParser';
import type { StampedLine } from '../../../engine/timeline/recipeRecorder';

const at = (time: number, line: string): StampedLine => ({ time: 100 + time, line });

describe('recorded timeline parser', function () {
  const lines = [
    at(0, 'R 10 1 0 /p'),
    at(0.05, 'S 11 10 0|/p|sub'),
    at(0.06, 'R 12 11 1 /p/sub dir'),
    at(0.1, 'S 13 12 1|/p/sub dir|x.o'),
    at(0.5, 'E 13 0'),
    at(0.5, 'S 13 12 1|/p/sub dir|y.o'),
    at(0.9, 'E 13 0'),
    at(0.92, 'E 11 0'),
    at(0.95, 'S 14 10 0|/p|all'),
    at(1.0, 'E 14 0'),
    at(1.0, 'S 15 10 0|/p|all'),
  ];

  it('gives each target one span from its first line to its last, relative to the first report', function () {
    const { spans, first, last } = parseRecordedTimeline(lines, 101.2);
    assert.equal(first, 100);
    assert.equal(last, 101.2);
    const shown = spans.map((span) => [
      span.level,
      span.directory,
      span.target,
      +span.start.toFixed(2),
      +span.end.toFixed(2),
    ]);
    assert.deepEqual(shown, [
      [0, '/p', 'sub', 0.05, 0.92],
      [1, '/p/sub dir', 'x.o', 0.1, 0.5],
      [1, '/p/sub dir', 'y.o', 0.5, 0.9],
      // Its second line (pid 15) never reported its end: it lasts until the build's end.
      [0, '/p', 'all', 0.95, 1.2],
    ]);
  });

  it('lists a sub-make among the processes of the recipe line that ran it, and a reused pid once per line', function () {
    const { spans } = parseRecordedTimeline(lines, 101.2);
    const pids = Object.fromEntries(spans.map((span) => [span.target, span.pids]));
    assert.deepEqual(pids, { sub: [11, 12], 'x.o': [13], 'y.o': [13], all: [14, 15] });
  });

  it("ends each make's read at its first recipe line; a re-executed make reads again", function () {
    const again = [
      at(0, 'R 10 1 0 /p'),
      at(0.02, 'S 11 10 0|/p|gen.mk'),
      at(0.03, 'E 11 0'),
      at(0.04, 'R 10 1 0 /p'),
      at(0.07, 'S 16 10 0|/p|all'),
      at(0.08, 'E 16 0'),
    ];
    const { reads } = parseRecordedTimeline(again, 100.1);
    assert.deepEqual(
      reads.map((read) => [
        read.pid,
        read.level,
        read.directory,
        +read.start.toFixed(2),
        +read.end.toFixed(2),
      ]),
      [
        [10, 0, '/p', 0, 0.02],
        [10, 0, '/p', 0.04, 0.07],
      ],
    );
    const sub = parseRecordedTimeline(lines, 101.2).reads[1];
    assert.deepEqual(
      [sub.pid, sub.level, sub.directory, +sub.start.toFixed(2), +sub.end.toFixed(2)],
      [12, 1, '/p/sub dir', 0.06, 0.1],
    );
  });

  it('skips reports it cannot read and lines that name no target (make itself, a $(shell))', function () {
    const { spans, reads } = parseRecordedTimeline(
      [
        at(0, 'R x 1 0 /p'),
        at(0.1, 'S 20 10 '),
        at(0.2, 'E 20 0'),
        at(0.3, 'garbage'),
        at(0.35, 'R 10 1 0 /p'),
        at(0.36, 'S 22 10 0|/p|'),
        at(0.4, 'S 21 10 0|/p|a'),
      ],
      100.5,
    );
    // The $(shell) with no target (S 22) does not end the read; the recipe of a does.
    assert.deepEqual(
      reads.map((read) => [read.pid, +read.start.toFixed(2), +read.end.toFixed(2)]),
      [[10, 0, 0.05]],
    );
    assert.deepEqual(
      spans.map((span) => span.target),
      ['a'],
    );
  });
});
