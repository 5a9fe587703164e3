// The Chrome trace writer: each make's reading of its makefiles is a complete event of its own ("parse"), on that
// make's thread (a sub-make's: the thread of the recipe that runs it), in a trace the format accepts.
import * as assert from 'node:assert/strict';
import { chromeTrace, type TraceEvent } from '../../../engine/timeline/chromeTrace';
import type { Timeline, TimelineSpan } from '../../../engine/timeline/timelineTypes';
import { validateTraceEvents } from '../../probes/support/traceEventFormat';
import { emptyTimeline } from '../../shared/timelineShapes';

function span(
  target: string,
  level: number,
  directory: string,
  start: number,
  end: number,
  extra: Partial<TimelineSpan>,
): TimelineSpan {
  return {
    target,
    level,
    directory,
    start,
    end,
    pids: [],
    lane: 0,
    container: false,
    critical: false,
    ...extra,
  };
}

/**
 * make (pid 100) reads Makefile and common.mk, runs `$(MAKE) -C sub` for a: make starts that sub-make (pid 102)
 * itself, so its read starts with the recipe; it reads sub/Makefile and builds x.
 */
const TIMELINE: Timeline = emptyTimeline({
  wallSeconds: 2,
  jobs: 2,
  spans: [
    span('a', 0, '/p', 0.1, 1.9, { pids: [101, 102], lane: -1, container: true }),
    span('x', 1, '/p/sub', 0.5, 1.8, { pids: [103], lane: 0, critical: true }),
    span('b', 0, '/p', 0.1, 0.4, { pids: [104], lane: 1 }),
  ],
  reads: [
    { level: 0, start: 0, end: 0.1, pid: 100, directory: '/p', makefiles: ['Makefile', 'common.mk'] },
    { level: 1, start: 0.1, end: 0.5, pid: 102, directory: '/p/sub', makefiles: ['Makefile'] },
  ],
});

describe('Chrome trace: makefile reads', () => {
  const trace = chromeTrace(TIMELINE, 'make in /p');
  const parses = trace.traceEvents.filter((event) => event.cat === 'parse');
  const threadName = (tid: number) =>
    trace.traceEvents.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.tid === tid)
      ?.args?.name;

  it('writes a valid trace with one complete event per read, in microseconds', () => {
    validateTraceEvents(trace);
    assert.deepEqual(
      parses.map((event) => [event.name, event.ph, event.pid, event.ts, event.dur]),
      [
        ['parse Makefile', 'X', 1, 0, 100_000],
        ['parse Makefile', 'X', 1, 100_000, 400_000],
      ],
    );
  });

  it('names the makefile, what it included, the make level and directory', () => {
    assert.deepEqual(
      parses.map((event) => event.args),
      [
        { file: '/p/Makefile', makefiles: ['Makefile', 'common.mk'], level: 0, directory: '/p', pid: 100 },
        { file: '/p/sub/Makefile', makefiles: ['Makefile'], level: 1, directory: '/p/sub', pid: 102 },
      ],
    );
  });

  it("puts a sub-make's read on the thread of the recipe that runs it, the top make's on a thread of its own", () => {
    const [top, sub] = parses as [TraceEvent, TraceEvent];
    const container = trace.traceEvents.find((event) => event.name === 'a' && event.ph === 'X');
    assert.equal(sub.tid, container?.tid);
    assert.equal(threadName(top.tid), 'make (level 0)');
    const recipeTids = trace.traceEvents.filter((event) => event.cat?.startsWith('recipe')).map((e) => e.tid);
    assert.ok(!recipeTids.includes(top.tid), 'no recipe shares the top make thread');
  });

  it('names a read "parse makefiles" when its make printed no database', () => {
    const bare = chromeTrace(
      { ...TIMELINE, reads: [{ level: 0, start: 0, end: 0.1, pid: 100, makefiles: [] }] },
      'make in /p',
    );
    const event = bare.traceEvents.find((candidate) => candidate.cat === 'parse');
    assert.equal(event?.name, 'parse makefiles');
    assert.deepEqual(event?.args, { makefiles: [], level: 0, pid: 100 });
  });
});
