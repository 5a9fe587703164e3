// The timeline picture as SVG text from its layout: lanes of bars over a time axis, the makes reading their makefiles,
// the parallelism and idle slots below.
import * as path from 'node:path';
import type { ReadSpan, Timeline, TimelineSpan } from '../../../../contract/timeline';
import { secondsText } from '../../../../contract/wording/timelineFigures';
import { escapeHtml } from '../../infrastructure/webviewPage';
import {
  BAR_HEIGHT,
  LABEL_WIDTH,
  LANE_HEIGHT,
  type Bar,
  type ReadBar,
  type Rect,
  type TimelineLayout,
} from './timelineLayout';

function barSvg(bar: Bar, span: TimelineSpan): string {
  const kind = span.container ? 'sub-make' : 'job';
  const classes = ['bar', kind, bar.critical ? 'critical' : '', bar.count > 1 ? 'cluster' : '']
    .join(' ')
    .replace(/ +/g, ' ')
    .trim();
  if (bar.count > 1)
    return `<g class="${classes}" data-count="${bar.count}"><title>${bar.count} short recipes from ${secondsText(span.start)}${bar.critical ? ', some on the critical path' : ''}: widen the panel or export the trace to see each</title><rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${BAR_HEIGHT}"/></g>`;
  const open = span.rule ? ` data-file="${escapeHtml(span.rule.file)}" data-line="${span.rule.line}"` : '';
  const where = span.rule ? `, rule at ${span.rule.file}:${span.rule.line}` : '';
  const title = `${span.target} (level ${span.level}, ${span.directory}): ${secondsText(span.end - span.start)} from ${secondsText(span.start)}${span.critical ? ', on the critical path' : ''}${where}`;
  const text = bar.label
    ? `<text x="${bar.x + 3}" y="${bar.y + BAR_HEIGHT - 4}">${escapeHtml(bar.label)}</text>`
    : '';
  return `<g class="${classes}" data-target="${escapeHtml(span.target)}" data-level="${span.level}"${open}><title>${escapeHtml(title)}</title><rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${BAR_HEIGHT}" rx="2"/>${text}</g>`;
}

/** A make reading its makefiles; a click opens the makefile it was given. */
function readSvg(bar: ReadBar, read: ReadSpan): string {
  const first = read.makefiles[0];
  const file =
    first !== undefined && read.directory !== undefined ? path.resolve(read.directory, first) : undefined;
  const open = file ? ` data-file="${escapeHtml(file)}" data-line="1"` : '';
  const what = read.makefiles.length > 0 ? read.makefiles.join(', ') : 'its makefiles';
  const where = read.directory !== undefined ? ` in ${read.directory}` : '';
  const title = `make (level ${read.level})${where} reading ${what}: ${secondsText(read.end - read.start)} from ${secondsText(read.start)}`;
  return `<g class="read" data-level="${read.level}"${open}><title>${escapeHtml(title)}</title><rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${BAR_HEIGHT}"/></g>`;
}

const rectSvg = (kind: string, r: Rect): string =>
  `<rect class="${kind}" x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}"/>`;

export function timelineSvg(timeline: Timeline, placed: TimelineLayout): string {
  const axisY = placed.chart.y + placed.chart.height;
  const ticks = placed.ticks.map(
    (tick) =>
      `<line class="tick" x1="${tick.x}" y1="0" x2="${tick.x}" y2="${axisY}"/><text x="${tick.x - 10}" y="${axisY + 14}">${tick.label}</text>`,
  );
  const rows = placed.rows.map(
    (row) =>
      `<text class="row-label ${row.kind}" x="4" y="${row.y + LANE_HEIGHT / 2 + 4}">${escapeHtml(row.label)}</text>`,
  );
  const bars = placed.bars.map((bar) => barSvg(bar, timeline.spans[bar.index] as TimelineSpan));
  // Over the bars: a sub-make's read is drawn on the recipe that runs it.
  const reads = placed.reads.map((bar) => readSvg(bar, timeline.reads[bar.index] as ReadSpan));
  const jobsY = axisY - timeline.jobs * (placed.chart.height / Math.max(1, placed.chart.slots));
  const chart = [
    `<text class="row-label" x="4" y="${placed.chart.y + placed.chart.height / 2 + 4}">recipes running</text>`,
    ...placed.running.map((r) => rectSvg('running', r)),
    ...placed.idle.map((r) => rectSvg('idle', r)),
    `<line class="jobs" x1="${LABEL_WIDTH}" y1="${jobsY}" x2="${placed.width}" y2="${jobsY}"/><text x="${placed.width - 28}" y="${jobsY - 3}">-j${timeline.jobs}</text>`,
  ];
  return `<svg id="timeline" width="${placed.width}" height="${placed.height}" xmlns="http://www.w3.org/2000/svg">${ticks.join('')}${rows.join('')}${bars.join('')}${reads.join('')}${chart.join('')}</svg>`;
}
