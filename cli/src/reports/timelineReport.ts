// Terminal summary of a build timeline: wall time, critical path, parallelism, idle slots, the targets worth speeding up.
import * as path from 'node:path';
import type { TimelineResult } from '../../../engine/timeline/timelineProbe';
import type { TargetSpan } from '../../../engine/timeline/timelineTypes';
import type { Style } from './style';

const seconds = (value: number) => `${value.toFixed(2)} s`;

function name(span: Pick<TargetSpan, 'target' | 'directory'>, root: string): string {
  const relative = path.relative(root, span.directory);
  return relative === '' ? span.target : `${relative}/${span.target}`;
}

export function timelineReport(result: TimelineResult, style: Style, traceFile?: string): string {
  const { timeline } = result;
  const work = timeline.spans.filter((span) => !span.container).length;
  const lines = [
    style.bold(`Build timeline of ${result.directory}`),
    `make ${result.make.version}, -j${timeline.jobs}; ${work} recipes, ${timeline.spans.length - work} sub-makes; exit ${result.exitCode}`,
    '',
    `  wall time        ${seconds(timeline.wallSeconds)}`,
    `  critical path    ${seconds(timeline.criticalSeconds)} (${timeline.criticalPath.length} targets, ${timeline.criticalFrom === 'declared' ? "through make's declared graph" : 'by observed order: no database'})`,
    `  parallelism      ${timeline.averageParallelism.toFixed(2)} on average, at most ${Math.max(0, ...timeline.parallelism.map((step) => step.running))}`,
    `  idle job slots   ${seconds(timeline.idleSlotSeconds)} of ${seconds(timeline.jobs * timeline.wallSeconds)} slot time at -j${timeline.jobs}`,
    `  spans cover      ${(timeline.coverage * 100).toFixed(1)}% of the wall time`,
    '',
    style.bold('Critical path'),
    ...timeline.criticalPath.map(
      (span) => `  ${seconds(span.end - span.start).padStart(9)}  ${name(span, result.directory)}`,
    ),
  ];
  if (timeline.speedups.length > 0)
    lines.push(
      '',
      style.bold('Speed these up first'),
      ...timeline.speedups.map(
        (speedup) =>
          `  ${name(speedup, result.directory)}: the build could end up to ${seconds(speedup.savesSeconds)} sooner`,
      ),
    );
  if (traceFile)
    lines.push('', `Chrome trace written to ${traceFile} (open it in ui.perfetto.dev or chrome://tracing)`);
  for (const note of result.notes) lines.push('', style.dim(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}
