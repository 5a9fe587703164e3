// Reads the recipe recorder's stamped reports into one span per target per make level, and each make's reading of
// its makefiles: from its start report (R) to its first recipe line (S with that make as parent).
import type { StampedLine } from './recipeRecorder';
import { parseSpanValue } from './spanEnvironment';
import type { ParsedTimeline } from './straceTimelineParser';
import type { ReadSpan, TargetSpan } from './timelineTypes';

interface LineRun {
  pid: number;
  /** The line's shell and the sub-makes it started. */
  pids: number[];
  span: string;
  start: number;
  end?: number;
}

function readStart(time: number, rest: string): ReadSpan | undefined {
  const [pid, , level, ...directory] = rest.split(' ');
  const read = {
    level: Number(level),
    start: time,
    end: time,
    pid: Number(pid),
    directory: directory.join(' '),
    makefiles: [],
  };
  return Number.isInteger(read.pid) && Number.isInteger(read.level) ? read : undefined;
}

/** The span of every recipe line's reports, merged per span value (the lines of one recipe, run one by one). */
function spansOf(runs: readonly LineRun[], end: number): TargetSpan[] {
  const spans = new Map<string, TargetSpan>();
  for (const run of runs) {
    const key = parseSpanValue(run.span);
    if (!key) continue;
    const runEnd = run.end ?? end;
    const known = spans.get(run.span);
    if (known) {
      known.start = Math.min(known.start, run.start);
      known.end = Math.max(known.end, runEnd);
      known.pids.push(...run.pids);
    } else spans.set(run.span, { ...key, start: run.start, end: runEnd, pids: [...run.pids] });
  }
  return [...spans.values()];
}

/**
 * `R pid parentPid level curdir` (a make starts reading), `S pid makePid span` (a recipe line starts), `E pid status` (it
 * ends). A line without its end (killed, or `exec` in the line) lasts until `end`, the build's end.
 */
export function parseRecordedTimeline(lines: readonly StampedLine[], end: number): ParsedTimeline {
  const runs: LineRun[] = [];
  const open = new Map<number, LineRun>();
  const reading = new Map<number, ReadSpan>();
  const reads: ReadSpan[] = [];
  let first = Infinity;
  for (const { time, line } of lines) {
    const rest = line.slice(2);
    if (line.startsWith('R ')) {
      const read = readStart(time, rest);
      if (!read) continue;
      // A sub-make is one of the processes of the recipe line that ran it (when that line's shell is its parent).
      open.get(Number(rest.split(' ', 2)[1]))?.pids.push(read.pid);
      first = Math.min(first, time);
      // A make that re-executes after remaking a makefile starts a new read.
      reading.set(read.pid, read);
      reads.push(read);
    } else if (line.startsWith('S ')) {
      const [pid, makePid] = rest.split(' ', 2).map(Number);
      const span = rest.split(' ').slice(2).join(' ');
      // A $(shell) that ran through the recorder (a sub-make given SHELL) names no target: no recipe.
      if (!Number.isInteger(pid) || !parseSpanValue(span)?.target) continue;
      first = Math.min(first, time);
      const read = reading.get(makePid);
      if (read) {
        read.end = time;
        reading.delete(makePid);
      }
      const run: LineRun = { pid, pids: [pid], span, start: time };
      runs.push(run);
      open.set(pid, run);
    } else if (line.startsWith('E ')) {
      const pid = Number(rest.split(' ', 1)[0]);
      const run = open.get(pid);
      if (run) run.end = time;
      open.delete(pid);
    }
  }
  if (!Number.isFinite(first)) first = end;
  for (const read of reading.values()) read.end = end;
  const spans = spansOf(runs, end).map((span) => ({
    ...span,
    start: span.start - first,
    end: span.end - first,
  }));
  spans.sort((a, b) => a.start - b.start || a.level - b.level);
  return {
    first,
    last: end,
    spans,
    reads: reads.map((read) => ({ ...read, start: read.start - first, end: read.end - first })),
  };
}
