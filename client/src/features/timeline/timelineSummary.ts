// What the Build Timeline panel keeps across a window reload: its words (figures, critical path, speed-ups, notes)
// and the request that made them, never the spans or the Chrome trace, so the kept state stays small at 100k spans.
import type { TimelineAnswer } from '../../../../contract/timeline';
import {
  secondsText,
  spanCounts,
  spanName,
  timelineFigures,
} from '../../../../contract/wording/timelineFigures';
import { escapeHtml } from '../../infrastructure/webviewPage';

/** The longest list the panel shows (and keeps); the rest is counted in one more line. */
const MAX_LISTED = 500;

export interface TimelineSummary {
  /** The makefile URI and targets of the recorded build: what "Run again" asks for. */
  request: { uri: string; targets: string[] };
  heading: string;
  line: string;
  figures: { key: string; label: string; value: string }[];
  critical: string[];
  speedups: string[];
  notes: string[];
}

function capped(items: string[]): string[] {
  if (items.length <= MAX_LISTED) return items;
  return [...items.slice(0, MAX_LISTED), `… and ${items.length - MAX_LISTED} more`];
}

export function summarizeTimeline(answer: TimelineAnswer, uri: string): TimelineSummary {
  const { timeline } = answer;
  return {
    request: { uri, targets: answer.targets },
    heading: `Build timeline of ${answer.targets.join(' ') || 'the default goal'}`,
    line: `${answer.directory} · make ${answer.make.version}, -j${timeline.jobs} · ${spanCounts(timeline)} · exit ${answer.exitCode}`,
    figures: timelineFigures(timeline),
    critical: capped(
      timeline.criticalPath.map(
        (span) => `${spanName(span, answer.directory)}  ${secondsText(span.end - span.start)}`,
      ),
    ),
    speedups: capped(
      timeline.speedups.map(
        (s) => `${spanName(s, answer.directory)}: up to ${secondsText(s.savesSeconds)} sooner`,
      ),
    ),
    notes: answer.notes,
  };
}

function listItems(items: string[]): string {
  return items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
}

/** The panel's words; `actions` is the HTML between the summary line and the figures (the buttons). */
export function summaryHtml(summary: TimelineSummary, hint: string, actions: string): string {
  const figures = summary.figures.map(
    (figure) =>
      `<tr data-figure="${escapeHtml(figure.key)}"><th>${escapeHtml(figure.label)}</th><td>${escapeHtml(figure.value)}</td></tr>`,
  );
  return [
    `<h1>${escapeHtml(summary.heading)}</h1>`,
    `<p class="dim" id="summary">${escapeHtml(summary.line)} · ${escapeHtml(hint)}</p>`,
    actions,
    `<table id="figures">${figures.join('')}</table>`,
    `<div id="columns"><div><h2>Critical path</h2><ol id="critical-path">${listItems(summary.critical)}</ol></div>`,
    `<div><h2>Speed these up first</h2><ul id="speedups">${listItems(summary.speedups)}</ul></div></div>`,
    ...summary.notes.map((note) => `<p class="dim note">note: ${escapeHtml(note)}</p>`),
  ].join('\n');
}
