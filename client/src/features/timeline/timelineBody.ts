// The Build Timeline panel's page body for a live answer: its words (from the summary), the export button, the
// legend and the picture. No vscode import: the bench times it on 100,000 spans as the panel builds it.
import type { TimelineAnswer } from '../../../../contract/timeline';
import { escapeHtml } from '../../infrastructure/webviewPage';
import { layoutTimeline } from './timelineLayout';
import { timelineSvg } from './timelineSvg';
import { summaryHtml, type TimelineSummary } from './timelineSummary';

const LEGEND: [string, string][] = [
  ['job', 'recipe on a job lane'],
  ['critical', 'on the critical path'],
  ['sub-make', 'recipe running a sub-make'],
  ['read', 'make reading its makefiles'],
  ['running', 'recipes running'],
  ['idle', 'idle job slots'],
];

/** `summary` is `summarizeTimeline(answer, …)`, the words the panel also keeps across a reload. */
export function timelineBody(answer: TimelineAnswer, summary: TimelineSummary, width: number): string {
  const legend = LEGEND.map(
    ([kind, words]) => `<span><i class="swatch ${kind}"></i>${escapeHtml(words)}</span>`,
  );
  return [
    summaryHtml(
      summary,
      'click a bar to open its rule',
      `<p><button type="button" id="export" data-export>Export Chrome trace…</button></p>`,
    ),
    `<div id="legend">${legend.join('')}</div>`,
    timelineSvg(answer.timeline, layoutTimeline(answer.timeline, width)),
  ].join('\n');
}
