// Pure: where the timeline's pieces go: a bar per span on its job lane (sub-makes on rows of their own, by make
// level), the parallelism over time as steps under the lanes with the idle job slots above them, and a time axis.
import type { Timeline, TimelineSpan } from '../../../../contract/timeline';

export const LANE_HEIGHT = 22;
export const BAR_HEIGHT = 16;
/** Pixels per running recipe in the parallelism chart. */
export const SLOT_HEIGHT = 14;
export const LABEL_WIDTH = 124;
const MARGIN = 12;
const GAP = 28;
const CHAR_WIDTH = 7;

export interface Bar {
  /** Index of the span in timeline.spans. */
  index: number;
  x: number;
  y: number;
  width: number;
  /** The target's name cut to the bar's width ('' when nothing fits). */
  label: string;
}

export interface Row {
  y: number;
  label: string;
  kind: 'sub-make' | 'lane';
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

export function layoutTimeline(timeline: Timeline, width: number): TimelineLayout {
  const plotWidth = Math.max(100, width - LABEL_WIDTH - 2 * MARGIN);
  const seconds = Math.max(timeline.wallSeconds, ...timeline.spans.map((span) => span.end), 1e-6);
  const xOf = (time: number): number => LABEL_WIDTH + MARGIN + (Math.max(0, time) / seconds) * plotWidth;
  const levels = subMakeLevels(timeline.spans);
  const lanes = Math.max(0, ...timeline.spans.map((span) => span.lane + 1));
  const rows: Row[] = [
    ...levels.map((level) => ({ label: `sub-make (level ${level})`, kind: 'sub-make' as const })),
    ...Array.from({ length: lanes }, (_, lane) => ({ label: `job lane ${lane + 1}`, kind: 'lane' as const })),
  ].map((row, index) => ({ ...row, y: MARGIN + index * LANE_HEIGHT }));
  const rowOf = (span: TimelineSpan): Row | undefined =>
    span.container ? rows[levels.indexOf(span.level)] : rows[levels.length + span.lane];
  const bars: Bar[] = [];
  timeline.spans.forEach((span, index) => {
    const row = rowOf(span);
    if (!row) return;
    const x = xOf(span.start);
    const barWidth = Math.max(1, xOf(span.end) - x);
    bars.push({
      index,
      x,
      y: row.y + (LANE_HEIGHT - BAR_HEIGHT) / 2,
      width: barWidth,
      label: fitLabel(span.target, barWidth),
    });
  });
  const chartTop = MARGIN + rows.length * LANE_HEIGHT + GAP;
  const slots = Math.max(timeline.jobs, ...timeline.parallelism.map((step) => step.running), 1);
  const chartHeight = slots * SLOT_HEIGHT;
  const bottom = chartTop + chartHeight;
  const running: Rect[] = [];
  const idle: Rect[] = [];
  timeline.parallelism.forEach((step, i) => {
    const next = timeline.parallelism[i + 1]?.time ?? timeline.wallSeconds;
    const x = xOf(step.time);
    const stepWidth = xOf(next) - x;
    if (stepWidth <= 0) return;
    const used = step.running * SLOT_HEIGHT;
    if (step.running > 0) running.push({ x, y: bottom - used, width: stepWidth, height: used });
    if (step.running < timeline.jobs) {
      const free = (timeline.jobs - step.running) * SLOT_HEIGHT;
      idle.push({ x, y: bottom - used - free, width: stepWidth, height: free });
    }
  });
  const step = tickStep(seconds);
  const ticks: Tick[] = [];
  for (let time = 0; time <= seconds + step / 1000; time += step)
    ticks.push({ x: xOf(time), label: tickLabel(time, step) });
  return {
    width: LABEL_WIDTH + 2 * MARGIN + plotWidth,
    height: bottom + GAP + MARGIN,
    rows,
    bars,
    lanes,
    running,
    idle,
    chart: { y: chartTop, height: chartHeight, slots },
    ticks,
  };
}
