// The recipe recorder's reports read into spans and makefile reads: a recursive build, a make that re-executes, a
// sub-make that runs no recipe, a line killed before its end report, and a pid the system gave out twice.
import * as assert from 'node:assert/strict';
import { parseRecordedTimeline } from '../../../engine/timeline/recordedTimelineParser';
import type { StampedLine } from '../../../engine/timeline/recipeRecorder';

const at = (time: number, line: string): StampedLine => ({ time: 100 + time, line });
const round = (value: number): number => +value.toFixed(2);

describe('recorded timeline parser', function () {
  // make 10 (level 0, /p) runs `sub` (line 11), whose sub-make 12 (level 1, /p/sub dir) compiles x.o then y.o.
  const lines = [
    at(0, 'R 0 /p'),
    at(0.05, 'S 11 10 1 0|/p|sub'),
    at(0.06, 'R 1 /p/sub dir'),
    at(0.1, 'S 13 12 11 1|/p/sub dir|x.o'),
    at(0.5, 'E 13 0'),
    at(0.5, 'S 13 12 11 1|/p/sub dir|y.o'),
    at(0.9, 'E 13 0'),
    at(0.92, 'E 11 0'),
    at(0.95, 'S 14 10 1 0|/p|all'),
    at(1.0, 'E 14 0'),
    at(1.0, 'S 15 10 1 0|/p|all'),
  ];

  it('gives each target one span from its first line to its last, relative to the first report', function () {
    const { spans, first, last } = parseRecordedTimeline(lines, 101.2);
    assert.equal(first, 100);
    assert.equal(last, 101.2);
    assert.deepEqual(
      spans.map((span) => [span.level, span.directory, span.target, round(span.start), round(span.end)]),
      [
        [0, '/p', 'sub', 0.05, 0.92],
        [1, '/p/sub dir', 'x.o', 0.1, 0.5],
        [1, '/p/sub dir', 'y.o', 0.5, 0.9],
        // Its second line (pid 15) never reported its end: it lasts until the build's end.
        [0, '/p', 'all', 0.95, 1.2],
      ],
    );
  });

  it("lists the targets make ran a recipe line of, by make's own report, whatever shell the line ran in", function () {
    const { ranRecipes } = parseRecordedTimeline(
      [...lines, at(0.2, 'L 1 b /p/sub dir'), at(0.3, 'L 0 all /p'), at(0.4, 'L 0 all /p'), at(0.5, 'L 2')],
      101.2,
    );
    assert.deepEqual([...(ranRecipes ?? [])].sort(), ['0|/p|all', '1|/p/sub dir|b']);
  });

  it('lists a sub-make among the processes of the recipe line that ran it, and a reused pid once per line', function () {
    const { spans } = parseRecordedTimeline(lines, 101.2);
    const pids = Object.fromEntries(spans.map((span) => [span.target, span.pids]));
    assert.deepEqual(pids, { sub: [11, 12], 'x.o': [13], 'y.o': [13], all: [14, 15] });
  });

  it("ends each make's read at its first recipe line, with that make's pid; a re-executed make reads again", function () {
    const { reads } = parseRecordedTimeline(lines, 101.2);
    assert.deepEqual(
      reads.map((read) => [read.pid, read.level, read.directory, round(read.start), round(read.end)]),
      [
        [10, 0, '/p', 0, 0.05],
        [12, 1, '/p/sub dir', 0.06, 0.1],
      ],
    );
    const again = [
      at(0, 'R 0 /p'),
      at(0.02, 'S 11 10 1 0|/p|gen.mk'),
      at(0.03, 'E 11 0'),
      at(0.04, 'R 0 /p'),
      at(0.07, 'S 16 10 1 0|/p|all'),
      at(0.08, 'E 16 0'),
    ];
    assert.deepEqual(
      parseRecordedTimeline(again, 100.1).reads.map((read) => [read.pid, round(read.start), round(read.end)]),
      [
        [10, 0, 0.02],
        [10, 0.04, 0.07],
      ],
    );
  });

  it('ends the read of a sub-make that ran no recipe with the line that ran it', function () {
    const idle = [
      at(0, 'R 0 /p'),
      at(0.01, 'S 11 10 1 0|/p|sub'),
      at(0.02, 'S 12 10 1 0|/p|other'),
      at(0.03, 'R 1 /p/sub'),
      at(0.2, 'E 11 0'),
      at(0.5, 'E 12 0'),
    ];
    const { reads } = parseRecordedTimeline(idle, 100.6);
    assert.deepEqual(
      reads.map((read) => [read.pid, read.level, read.directory, round(read.start), round(read.end)]),
      [
        [10, 0, '/p', 0, 0.01],
        [0, 1, '/p/sub', 0.03, 0.2],
      ],
    );
  });

  it('skips reports it cannot read and lines that name no target (make itself, a $(shell))', function () {
    const { spans, reads } = parseRecordedTimeline(
      [
        at(0, 'R x /p'),
        at(0.1, 'S 20 10 1 '),
        at(0.2, 'E 20 0'),
        at(0.3, 'garbage'),
        at(0.35, 'R 0 /p'),
        at(0.36, 'S 22 10 1 0|/p|'),
        at(0.4, 'S 21 10 1 0|/p|a'),
      ],
      100.5,
    );
    // The $(shell) with no target (S 22) does not end the read; the recipe of a does.
    assert.deepEqual(
      reads.map((read) => [read.pid, round(read.start), round(read.end)]),
      [[10, 0, 0.05]],
    );
    assert.deepEqual(
      spans.map((span) => span.target),
      ['a'],
    );
  });
});
