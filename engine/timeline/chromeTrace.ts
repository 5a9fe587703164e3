// The timeline as Chrome trace event JSON (Trace Event Format): one thread per job lane, loadable in Perfetto and chrome://tracing.
// Each make's reading of its makefiles is an event of its own (category "parse") on that make's thread.
import * as path from 'node:path';
import { assignLanes } from './parallelism';
import type { ReadSpan, Timeline, TimelineSpan } from './timelineTypes';

export interface TraceEvent {
  name: string;
  ph: 'X' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
}

const PID = 1;
/** Sub-make recipes get threads of their own after the job lanes: X events on one thread must nest. */
const CONTAINER_TIDS = 1000;
/** A make no recipe runs (the top-level one) reads on a thread of its own, one per process. */
const MAKE_TIDS = 2000;

const micros = (seconds: number) => Math.round(seconds * 1e6);

function metadata(name: 'process_name' | 'thread_name', tid: number, value: string): TraceEvent {
  return { name, ph: 'M', pid: PID, tid, args: { name: value } };
}

/** The trace's process name, the same from every front end. */
export function traceTitle(directory: string): string {
  return `make in ${directory}`;
}

export function chromeTrace(timeline: Timeline, title: string): ChromeTrace {
  const containers = timeline.spans.filter((span) => span.container);
  const containerLanes = assignLanes(containers);
  const tidOf = (span: TimelineSpan) =>
    span.container ? CONTAINER_TIDS + (containerLanes.get(span) ?? 0) : span.lane + 1;
  const events: TraceEvent[] = [metadata('process_name', 0, title)];
  for (const tid of new Set(timeline.spans.map(tidOf)))
    events.push(
      metadata(
        'thread_name',
        tid,
        tid >= CONTAINER_TIDS ? `sub-make ${tid - CONTAINER_TIDS + 1}` : `job slot ${tid}`,
      ),
    );
  for (const span of timeline.spans)
    events.push({
      name: span.target,
      cat: span.container ? 'sub-make' : span.critical ? 'recipe,critical' : 'recipe',
      ph: 'X',
      ts: micros(span.start),
      dur: micros(span.end - span.start),
      pid: PID,
      tid: tidOf(span),
      args: {
        level: span.level,
        directory: span.directory,
        critical: span.critical,
        ...(span.rule ? { rule: `${span.rule.file}:${span.rule.line}` } : {}),
        pids: span.pids,
      },
    });
  // After the spans: a sub-make's read can start with the recipe holding it, and a viewer nests the later event.
  events.push(...readEvents(timeline, tidOf));
  return { traceEvents: events, displayTimeUnit: 'ms' };
}

/**
 * One complete event per read. A sub-make runs inside the recipe that started it (its process is one
 * of that span's), so its read goes on that recipe's thread, where it nests; other makes get a thread each.
 */
function readEvents(timeline: Timeline, tidOf: (span: TimelineSpan) => number): TraceEvent[] {
  const events: TraceEvent[] = [];
  const ownThreads = new Map<number, number>();
  const holders = new Map<number, TimelineSpan>();
  for (const span of timeline.spans)
    if (span.container) for (const pid of span.pids) if (!holders.has(pid)) holders.set(pid, span);
  for (const read of timeline.reads) {
    const holder = holders.get(read.pid);
    let tid = holder ? tidOf(holder) : ownThreads.get(read.pid);
    if (tid === undefined) {
      tid = MAKE_TIDS + ownThreads.size;
      ownThreads.set(read.pid, tid);
      events.push(metadata('thread_name', tid, `make (level ${read.level})`));
    }
    events.push({
      name: `parse ${read.makefiles[0] ?? 'makefiles'}`,
      cat: 'parse',
      ph: 'X',
      ts: micros(read.start),
      dur: micros(read.end - read.start),
      pid: PID,
      tid,
      args: readArgs(read),
    });
  }
  return events;
}

function readArgs(read: ReadSpan): Record<string, unknown> {
  const first = read.makefiles[0];
  return {
    ...(first !== undefined && read.directory !== undefined
      ? { file: path.resolve(read.directory, first) }
      : {}),
    makefiles: read.makefiles,
    level: read.level,
    ...(read.directory !== undefined ? { directory: read.directory } : {}),
    pid: read.pid,
  };
}
