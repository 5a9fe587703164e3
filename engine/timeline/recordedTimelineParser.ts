// Reads the recipe recorder's stamped reports into one span per target per make level, and each make's reading of
// its makefiles: from its start report (R) to its first recipe line (S from that make).
import { makeKey } from './makeDatabases';
import type { StampedLine } from './recipeRecorder';
import { parseSpanValue } from './spanEnvironment';
import type { ParsedTimeline, ReadSpan, TargetSpan } from './timelineTypes';

interface LineRun {
  pid: number;
  /** The line's shell and the sub-makes it started. */
  pids: number[];
  span: string;
  level: number;
  start: number;
  end?: number;
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
 * A make that ran no recipe never names its pid: its read ends with the first recipe line one level up that
 * held its start and ended after it (the line that ran it, when lines of that level ran side by side: the
 * earliest to end), or with the build.
 */
function endUnclaimed(read: ReadSpan, runs: readonly LineRun[], end: number): void {
  let best = end;
  for (const run of runs)
    if (run.level === read.level - 1 && run.start <= read.start && (run.end ?? end) >= read.start)
      best = Math.min(best, run.end ?? end);
  read.end = best;
}

/**
 * `R level curdir` (a make starts reading), `S pid makePid makeParent span` (a recipe line starts; makeParent is
 * the pid of the line that ran that make), `E pid status` (it ends), `L level target curdir` (make expands a line of
 * the target's recipe to run it, in whatever shell). A line without its end (killed, or `exec` in the line) lasts
 * until `end`, the build's end.
 */
export function parseRecordedTimeline(lines: readonly StampedLine[], end: number): ParsedTimeline {
  const runs: LineRun[] = [];
  const open = new Map<number, LineRun>();
  /** Reads no recipe line has claimed yet, by `level|curdir`, oldest first. */
  const unclaimed = new Map<string, ReadSpan[]>();
  const makes = new Set<number>();
  const reads: ReadSpan[] = [];
  const ranRecipes = new Set<string>();
  let first = Infinity;
  for (const { time, line } of lines) {
    const fields = line.split(' ');
    if (fields[0] === 'R') {
      const level = Number(fields[1]);
      if (!Number.isInteger(level) || fields.length < 3) continue;
      const directory = fields.slice(2).join(' ');
      const read: ReadSpan = { level, start: time, end: time, pid: 0, directory, makefiles: [] };
      first = Math.min(first, time);
      const key = makeKey(level, directory);
      unclaimed.set(key, [...(unclaimed.get(key) ?? []), read]);
      reads.push(read);
    } else if (fields[0] === 'S') {
      const pid = Number(fields[1]);
      const makePid = Number(fields[2]);
      const span = fields.slice(4).join(' ');
      const key = parseSpanValue(span);
      // A $(shell) that ran through the recorder (a sub-make given SHELL) names no target: no recipe.
      if (!Number.isInteger(pid) || !key?.target) continue;
      first = Math.min(first, time);
      // A make's first recipe line after it started reading (again, after remaking a makefile) ends that read;
      // two makes of one level in one folder at once cannot be told apart (R names no pid): the oldest read ends.
      const read = unclaimed.get(makeKey(key.level, key.directory))?.shift();
      if (read) Object.assign(read, { pid: makePid, end: time });
      if (!makes.has(makePid)) {
        // The line that ran this make (if any) holds it: the line whose process is make's parent (a shell
        // running `$(MAKE)`), or make itself (a line make started as make, without a shell).
        makes.add(makePid);
        const holder = open.get(Number(fields[3])) ?? open.get(makePid);
        if (holder && !holder.pids.includes(makePid)) holder.pids.push(makePid);
      }
      const run: LineRun = { pid, pids: [pid], span, level: key.level, start: time };
      runs.push(run);
      open.set(pid, run);
    } else if (fields[0] === 'L') {
      // make expands a recipe line of this target, about to run it (in whatever shell).
      // Keyed as recorderReach.ts asks: the make's database key, then the target.
      if (fields.length >= 4)
        ranRecipes.add(`${makeKey(Number(fields[1]), fields.slice(3).join(' '))}|${fields[2]}`);
    } else if (fields[0] === 'E') {
      const pid = Number(fields[1]);
      const run = open.get(pid);
      if (run) run.end = time;
      open.delete(pid);
    }
  }
  if (!Number.isFinite(first)) first = end;
  for (const waiting of unclaimed.values()) for (const read of waiting) endUnclaimed(read, runs, end);
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
    ranRecipes,
  };
}
