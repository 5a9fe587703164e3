// The Build Timeline panel's page body from the timeline answer: figures, critical path, speed-ups, legend and
// the picture. No vscode import: the bench times it on 100,000 spans as the panel builds it.
import type { TimelineAnswer } from '../../../../contract/timeline';
import { secondsText, spanName, timelineFigures } from '../../../../contract/wording/timelineFigures';
import { escapeHtml } from '../../infrastructure/webviewPage';
import { layoutTimeline } from './timelineLayout';
import { timelineSvg } from './timelineSvg';

const LEGEND: [string, string][] = [
  ['job', 'recipe on a job lane'],
  ['critical', 'on the critical path'],
  ['sub-make', 'recipe running a sub-make'],
  ['running', 'recipes running'],
  ['idle', 'idle job slots'],
];

function listItems(items: string[]): string {
  return items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
}

export function timelineBody(answer: TimelineAnswer, width: number): string {
  const { timeline } = answer;
  const work = timeline.spans.filter((span) => !span.container).length;
  const figures = timelineFigures(timeline).map(
    (figure) =>
      `<tr data-figure="${figure.key}"><th>${escapeHtml(figure.label)}</th><td>${escapeHtml(figure.value)}</td></tr>`,
  );
  const critical = timeline.criticalPath.map(
    (span) => `${spanName(span, answer.directory)}  ${secondsText(span.end - span.start)}`,
  );
  const speedups = timeline.speedups.map(
    (s) => `${spanName(s, answer.directory)}: up to ${secondsText(s.savesSeconds)} sooner`,
  );
  const legend = LEGEND.map(
    ([kind, words]) => `<span><i class="swatch ${kind}"></i>${escapeHtml(words)}</span>`,
  );
  return [
    `<h1>Build timeline of ${escapeHtml(answer.targets.join(' ') || 'the default goal')}</h1>`,
    `<p class="dim" id="summary">${escapeHtml(answer.directory)} · make ${escapeHtml(answer.make.version)}, -j${timeline.jobs} · ${work} recipes, ${timeline.spans.length - work} sub-makes · exit ${answer.exitCode} · click a bar to open its rule</p>`,
    `<p><button type="button" id="export" data-export>Export Chrome trace…</button></p>`,
    `<table id="figures">${figures.join('')}</table>`,
    `<div id="columns"><div><h2>Critical path</h2><ol id="critical-path">${listItems(critical)}</ol></div>`,
    `<div><h2>Speed these up first</h2><ul id="speedups">${listItems(speedups)}</ul></div></div>`,
    ...answer.notes.map((note) => `<p class="dim note">note: ${escapeHtml(note)}</p>`),
    `<div id="legend">${legend.join('')}</div>`,
    timelineSvg(timeline, layoutTimeline(timeline, width)),
  ].join('\n');
}
