// Terminal summary of a build timeline: wall time, critical path, parallelism, idle slots, the targets worth speeding up.
import type { TimelineResult } from '../../../engine/timeline/timelineProbe';
import {
  parseTimes,
  secondsText,
  spanCounts,
  spanName,
  timelineFigures,
} from '../../../contract/wording/timelineFigures';
import type { Style } from './style';

/** The makefiles that took longest to read; the rest are counted in one line. */
const LISTED_MAKEFILES = 5;

function parseLines(result: TimelineResult): string[] {
  const parses = parseTimes(result.timeline, result.directory);
  const lines = parses.slice(0, LISTED_MAKEFILES).map((parse) => {
    const times = parse.reads > 1 ? ` (${parse.reads} reads)` : '';
    const included = parse.included.length > 0 ? `, including ${parse.included.join(' ')}` : '';
    return `  ${secondsText(parse.seconds).padStart(9)}  ${parse.makefile}${times}${included}`;
  });
  if (parses.length > LISTED_MAKEFILES)
    lines.push(`  ... and ${parses.length - LISTED_MAKEFILES} more makefiles`);
  return lines;
}

export function timelineReport(result: TimelineResult, style: Style, traceFile?: string): string {
  const { timeline } = result;
  const lines = [
    style.bold(`Build timeline of ${result.directory}`),
    `make ${result.make.version}, -j${timeline.jobs}; ${spanCounts(timeline)}; exit ${result.exitCode}`,
    '',
    ...timelineFigures(timeline).map((figure) => `  ${figure.label.padEnd(16)} ${figure.value}`),
    '',
    style.bold('Critical path'),
    ...timeline.criticalPath.map(
      (span) => `  ${secondsText(span.end - span.start).padStart(9)}  ${spanName(span, result.directory)}`,
    ),
  ];
  if (timeline.reads.length > 0) lines.push('', style.bold('Reading makefiles'), ...parseLines(result));
  if (timeline.speedups.length > 0)
    lines.push(
      '',
      style.bold('Speed these up first'),
      ...timeline.speedups.map(
        (speedup) =>
          `  ${spanName(speedup, result.directory)}: the build could end up to ${secondsText(speedup.savesSeconds)} sooner`,
      ),
    );
  if (traceFile)
    lines.push('', `Chrome trace written to ${traceFile} (open it in ui.perfetto.dev or chrome://tracing)`);
  for (const note of result.notes) lines.push('', style.dim(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}
