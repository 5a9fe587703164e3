// The timeline view's layout: spans -> bars on lanes, sub-makes on their own rows, parallelism and idle job slots.
import * as assert from 'node:assert/strict';
import type { Timeline, TimelineSpan } from '../../../contract/timeline';
import {
  fitLabel,
  layoutTimeline,
  SLOT_HEIGHT,
  tickStep,
} from '../../../client/src/features/timeline/timelineLayout';

function span(
  target: string,
  start: number,
  end: number,
  lane: number,
  extra: Partial<TimelineSpan> = {},
): TimelineSpan {
  return {
    target,
    level: 0,
    directory: '/p',
    start,
    end,
    pids: [],
    lane,
    container: false,
    critical: false,
    ...extra,
  };
}

/** The shape of the timeline-recursive fixture at -j2: a (sub-make) holds y then x; b beside; all last. */
function recursive(): Timeline {
  const spans = [
    span('a', 0, 2.4, -1, { container: true }),
    span('y', 0, 1, 0, { level: 1, critical: true }),
    span('b', 0, 0.8, 1),
    span('x', 1, 2.4, 0, { level: 1, critical: true }),
    span('all', 2.4, 3, 0, { critical: true }),
  ];
  return {
    wallSeconds: 3,
    jobs: 2,
    spans,
    reads: [],
    criticalPath: spans.filter((s) => s.critical),
    criticalSeconds: 3,
    criticalFrom: 'declared',
    coverage: 1,
    averageParallelism: 1.27,
    parallelism: [
      { time: 0, running: 2 },
      { time: 0.8, running: 1 },
    ],
    idleSlotSeconds: 2.2,
    speedups: [],
  };
}

describe('timeline view: layout', () => {
  it('puts each span on its lane and scales time to the width: no two bars of a row overlap', () => {
    const timeline = recursive();
    const placed = layoutTimeline(timeline, 1000);
    assert.equal(placed.lanes, 2);
    assert.deepEqual(
      placed.rows.map((row) => row.label),
      ['sub-make (level 1)', 'job lane 1', 'job lane 2'],
    );
    const bar = (name: string) => {
      const found = placed.bars.find((b) => timeline.spans[b.index]?.target === name);
      assert.ok(found, name);
      return found;
    };
    assert.equal(bar('y').y, bar('x').y, 'y and x share lane 1');
    assert.notEqual(bar('b').y, bar('y').y, 'b runs beside y on lane 2');
    assert.ok(bar('a').y < bar('y').y, 'the sub-make row is above the job lanes');
    // Widths in proportion to durations: x (1.4 s) is 1.75 times b (0.8 s).
    assert.ok(Math.abs(bar('x').width / bar('b').width - 1.75) < 1e-9);
    assert.ok(Math.abs(bar('x').x - (bar('y').x + bar('y').width)) < 1e-9, 'x starts where y ends');
    assert.ok(bar('all').x + bar('all').width <= placed.width);
    for (const one of placed.bars)
      for (const other of placed.bars)
        if (one !== other && one.y === other.y)
          assert.ok(one.x + one.width <= other.x + 1e-9 || other.x + other.width <= one.x + 1e-9);
  });

  it('draws the running recipes per step and the idle job slots above them, up to -j', () => {
    const placed = layoutTimeline(recursive(), 1000);
    assert.deepEqual(
      placed.running.map((r) => r.height),
      [2 * SLOT_HEIGHT, SLOT_HEIGHT],
    );
    assert.deepEqual(
      placed.idle.map((r) => r.height),
      [SLOT_HEIGHT],
      'one idle slot from 0.8 s to the end',
    );
    const idle = placed.idle[0];
    const running = placed.running[1];
    assert.ok(idle && running);
    assert.equal(idle.y + idle.height, running.y, 'the idle slot sits on the running recipe');
    assert.equal(idle.x, running.x);
  });

  it('draws 100,000 short recipes as a few thousand bars, every span counted once, critical ones kept red', () => {
    const jobs = 8;
    const spans = Array.from({ length: 100_000 }, (_, i) =>
      span(`obj/f${i}.o`, Math.floor(i / jobs) * 0.01, Math.floor(i / jobs) * 0.01 + 0.009, i % jobs, {
        critical: i % jobs === 0,
      }),
    );
    const timeline: Timeline = {
      ...recursive(),
      wallSeconds: 125,
      jobs,
      spans,
      parallelism: spans
        .filter((_, i) => i % jobs === 0)
        .flatMap((s) => [
          { time: s.start, running: jobs },
          { time: s.end, running: 0 },
        ]),
    };
    const placed = layoutTimeline(timeline, 1000);
    assert.equal(
      placed.bars.reduce((sum, bar) => sum + bar.count, 0),
      100_000,
    );
    assert.ok(placed.bars.length <= jobs * 1000, `${placed.bars.length} bars for 8 lanes 1000 px wide`);
    assert.ok(placed.bars.some((bar) => bar.count > 1 && bar.critical && bar.y === placed.bars[0]?.y));
    assert.ok(
      placed.running.length + placed.idle.length <= 2 * 1000,
      `${placed.running.length} running steps`,
    );
    assert.ok(
      placed.running.every((r) => r.height === jobs * SLOT_HEIGHT),
      'each pixel shows the most that ran in it',
    );
  });

  it("draws each make's reading of its makefiles: a sub-make's at the start of the recipe that runs it, the top make's on a row of its own", () => {
    const base = recursive();
    const spans = base.spans.map((one) => (one.target === 'a' ? { ...one, pids: [7] } : one));
    const timeline: Timeline = {
      ...base,
      spans,
      reads: [
        { level: 0, start: 0, end: 0.3, pid: 5, directory: '/p', makefiles: ['Makefile'] },
        { level: 1, start: 0, end: 0.15, pid: 7, directory: '/p/sub', makefiles: ['Makefile'] },
      ],
    };
    const placed = layoutTimeline(timeline, 1000);
    assert.deepEqual(
      placed.rows.map((row) => row.label),
      ['top make', 'sub-make (level 1)', 'job lane 1', 'job lane 2'],
    );
    const a = placed.bars.find((b) => timeline.spans[b.index]?.target === 'a');
    const [top, sub] = placed.reads;
    assert.ok(a && top && sub);
    assert.deepEqual(
      placed.reads.map((read) => read.index),
      [0, 1],
    );
    assert.equal(top.y, (placed.rows[0]?.y ?? -1) + (a.y - (placed.rows[1]?.y ?? 0)), 'on the top make row');
    assert.equal(sub.y, a.y, "on the sub-make's recipe");
    assert.equal(sub.x, a.x);
    assert.ok(Math.abs(top.width / sub.width - 2) < 1e-9, 'widths in proportion to the read times');
  });

  it('labels bars that have room, cut from the left, and ticks at round seconds', () => {
    assert.equal(fitLabel('main.o', 100), 'main.o');
    assert.equal(fitLabel('src/very/long/path/main.o', 60), '…main.o');
    assert.equal(fitLabel('main.o', 10), '');
    assert.equal(tickStep(3), 0.5);
    assert.equal(tickStep(120), 20);
    const ticks = layoutTimeline(recursive(), 1000).ticks.map((tick) => tick.label);
    assert.deepEqual(ticks, ['0.0 s', '0.5 s', '1.0 s', '1.5 s', '2.0 s', '2.5 s', '3.0 s']);
  });
});
