// The timeline as Chrome trace event JSON (Trace Event Format): one thread per job lane, loadable in Perfetto and chrome://tracing.
import { assignLanes } from './parallelism';
import type { Timeline, TimelineSpan } from './timelineTypes';

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
  return { traceEvents: events, displayTimeUnit: 'ms' };
}
