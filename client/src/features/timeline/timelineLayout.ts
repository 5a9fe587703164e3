// Pure: where the timeline's pieces go: a bar per span on its job lane (sub-makes on rows of their own, by make
// level), each make's reading of its makefiles (a sub-make's over the recipe that runs it, the top make's on a
// row of its own), the parallelism over time as steps under the lanes with the idle job slots above them, and a time axis.
import type { ReadSpan, Timeline, TimelineSpan } from '../../../../contract/timeline';
import { peakParallelism } from '../../../../contract/wording/timelineFigures';

export const LANE_HEIGHT = 22;
export const BAR_HEIGHT = 16;
/** Pixels per running recipe in the parallelism chart. */
export const SLOT_HEIGHT = 14;
export const LABEL_WIDTH = 124;
const MARGIN = 12;
const GAP = 28;
const CHAR_WIDTH = 7;

/** Bars narrower than this that touch the one before on their row are drawn as one (100,000 spans stay drawable). */
export const MIN_BAR_WIDTH = 2;

export interface Bar {
  /** Index of the (first) span in timeline.spans. */
  index: number;
  /** How many spans this bar stands for (more than 1: too short to draw apart at this width). */
  count: number;
  /** Whether any of them is on the critical path. */
  critical: boolean;
  x: number;
  y: number;
  width: number;
  /** The target's name cut to the bar's width ('' when nothing fits). */
  label: string;
}

export interface Row {
  y: number;
  label: string;
  kind: 'make' | 'sub-make' | 'lane';
}

/** A make reading its makefiles. */
export interface ReadBar {
  /** Index of the read in timeline.reads. */
  index: number;
  x: number;
  y: number;
  width: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  x: number;
  label: string;
}

export interface TimelineLayout {
  width: number;
  height: number;
  rows: Row[];
  bars: Bar[];
  reads: ReadBar[];
  /** Job lanes drawn: the spans on one lane never overlap. */
  lanes: number;
  /** One rectangle per step of the parallelism: how many recipes ran. */
  running: Rect[];
  /** One rectangle per step where fewer than -j recipes ran: the job slots left idle. */
  idle: Rect[];
  /** The parallelism chart's box: top, height and how many slots it is tall (running counts up from its bottom). */
  chart: { y: number; height: number; slots: number };
  ticks: Tick[];
}

/** The name cut from the left to fit `width` pixels (the end of a path says most), or '' if too narrow. */
export function fitLabel(name: string, width: number): string {
  const room = Math.floor((width - 6) / CHAR_WIDTH);
  if (room < 2) return '';
  return name.length <= room ? name : `…${name.slice(name.length - room + 1)}`;
}

/** A round step (1, 2 or 5 times a power of ten) giving about `count` ticks over `seconds`. */
export function tickStep(seconds: number, count = 8): number {
  const raw = Math.max(seconds, 1e-6) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

function tickLabel(seconds: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return `${seconds.toFixed(decimals)} s`;
}

/** The sub-make rows: one per make level that ran a sub-make, outermost first. */
function subMakeLevels(spans: readonly TimelineSpan[]): number[] {
  return [...new Set(spans.filter((span) => span.container).map((span) => span.level))].sort((a, b) => a - b);
}

/** Per read, the recipe whose process is the make that read (a sub-make), if any. */
function holdersOf(reads: readonly ReadSpan[], spans: readonly TimelineSpan[]): (TimelineSpan | undefined)[] {
  const byPid = new Map<number, TimelineSpan>();
  for (const span of spans)
    if (span.container) for (const pid of span.pids) if (!byPid.has(pid)) byPid.set(pid, span);
  return reads.map((read) => byPid.get(read.pid));
}

export function layoutTimeline(timeline: Timeline, width: number): TimelineLayout {
  const plotWidth = Math.max(100, width - LABEL_WIDTH - 2 * MARGIN);
  // Folds, not Math.max(...spans): 100,000 spans (and twice as many steps) are more arguments than the stack holds.
  const seconds = timeline.spans.reduce(
    (most, span) => Math.max(most, span.end),
    Math.max(timeline.wallSeconds, 1e-6),
  );
  const xOf = (time: number): number => LABEL_WIDTH + MARGIN + (Math.max(0, time) / seconds) * plotWidth;
  const levels = subMakeLevels(timeline.spans);
  const lanes = timeline.spans.reduce((most, span) => Math.max(most, span.lane + 1), 0);
  const holders = holdersOf(timeline.reads, timeline.spans);
  const topRow = holders.some((holder) => holder === undefined);
  const rows: Row[] = [
    ...(topRow ? [{ label: 'top make', kind: 'make' as const }] : []),
    // A container at level N runs a make of level N + 1: the row is named after the makes it shows.
    ...levels.map((level) => ({ label: `sub-make (level ${level + 1})`, kind: 'sub-make' as const })),
    ...Array.from({ length: lanes }, (_, lane) => ({ label: `job lane ${lane + 1}`, kind: 'lane' as const })),
  ].map((row, index) => ({ ...row, y: MARGIN + index * LANE_HEIGHT }));
  const first = topRow ? 1 : 0;
  const rowOf = (span: TimelineSpan): Row | undefined =>
    span.container ? rows[first + levels.indexOf(span.level)] : rows[first + levels.length + span.lane];
  const bars: Bar[] = [];
  const lastOnRow = new Map<Row, Bar>();
  const byStart = timeline.spans.map((_, index) => index);
  byStart.sort((a, b) => (timeline.spans[a]?.start ?? 0) - (timeline.spans[b]?.start ?? 0));
  for (const index of byStart) {
    const span = timeline.spans[index] as TimelineSpan;
    const row = rowOf(span);
    if (!row) continue;
    const x = xOf(span.start);
    const end = Math.max(x + 1, xOf(span.end));
    const last = lastOnRow.get(row);
    if (last && end - x < MIN_BAR_WIDTH && last.width < MIN_BAR_WIDTH * 2 && x <= last.x + last.width + 1) {
      last.width = Math.max(last.width, end - last.x);
      last.count += 1;
      last.critical ||= span.critical;
      last.label = '';
      continue;
    }
    const bar: Bar = {
      index,
      count: 1,
      critical: span.critical,
      x,
      y: row.y + (LANE_HEIGHT - BAR_HEIGHT) / 2,
      width: end - x,
      label: fitLabel(span.target, end - x),
    };
    bars.push(bar);
    lastOnRow.set(row, bar);
  }
  const reads: ReadBar[] = [];
  timeline.reads.forEach((read, index) => {
    const holder = holders[index];
    const row = holder ? rowOf(holder) : rows[0];
    if (!row) return;
    const x = xOf(read.start);
    // At least MIN_BAR_WIDTH: a read of a few milliseconds still shows where each make started.
    const end = Math.max(x + MIN_BAR_WIDTH, xOf(read.end));
    reads.push({ index, x, y: row.y + (LANE_HEIGHT - BAR_HEIGHT) / 2, width: end - x });
  });
  const chartTop = MARGIN + rows.length * LANE_HEIGHT + GAP;
  const slots = Math.max(timeline.jobs, peakParallelism(timeline), 1);
  const chartHeight = slots * SLOT_HEIGHT;
  const bottom = chartTop + chartHeight;
  // The parallelism per pixel column: the most recipes that ran in it (steps shorter than a pixel fold together).
  const columns: { x: number; end: number; running: number }[] = [];
  timeline.parallelism.forEach((step, i) => {
    const x = xOf(step.time);
    const end = xOf(timeline.parallelism[i + 1]?.time ?? timeline.wallSeconds);
    if (end <= x) return;
    const last = columns[columns.length - 1];
    if (last && Math.floor(x) <= Math.floor(last.x) + (last.end - last.x < 1 ? 1 : 0) && end - x < 1) {
      last.end = end;
      last.running = Math.max(last.running, step.running);
    } else columns.push({ x, end, running: step.running });
  });
  const running: Rect[] = [];
  const idle: Rect[] = [];
  for (const column of columns) {
    const used = column.running * SLOT_HEIGHT;
    const stepWidth = column.end - column.x;
    if (column.running > 0) running.push({ x: column.x, y: bottom - used, width: stepWidth, height: used });
    if (column.running < timeline.jobs) {
      const free = (timeline.jobs - column.running) * SLOT_HEIGHT;
      idle.push({ x: column.x, y: bottom - used - free, width: stepWidth, height: free });
    }
  }
  const step = tickStep(seconds);
  const ticks: Tick[] = [];
  for (let time = 0; time <= seconds + step / 1000; time += step)
    ticks.push({ x: xOf(time), label: tickLabel(time, step) });
  return {
    width: LABEL_WIDTH + 2 * MARGIN + plotWidth,
    height: bottom + GAP + MARGIN,
    rows,
    bars,
    reads,
    lanes,
    running,
    idle,
    chart: { y: chartTop, height: chartHeight, slots },
    ticks,
  };
}
