// The build timeline's headline figures as every front end words them (the CLI's summary, the editor's panel).
import * as path from 'node:path';
import type { TargetSpan, Timeline } from '../../engine/timeline/timelineTypes';

export interface TimelineFigure {
  /** A stable key for tests and styling: 'wall', 'critical', 'parallelism', 'idle', 'coverage'. */
  key: 'wall' | 'critical' | 'parallelism' | 'idle' | 'coverage';
  label: string;
  value: string;
}

export const secondsText = (value: number): string => `${value.toFixed(2)} s`;

/** A target as the summaries name it: relative to the top directory, e.g. 'sub/x'. */
export function spanName(span: Pick<TargetSpan, 'target' | 'directory'>, root: string): string {
  const relative = path.relative(root, span.directory);
  return relative === '' ? span.target : `${relative}/${span.target}`;
}

/** The most recipes that ran at once. */
export function peakParallelism(timeline: Pick<Timeline, 'parallelism'>): number {
  // A fold, not Math.max(...steps): 100,000 recipes make ~200,000 steps, more arguments than the stack holds.
  return timeline.parallelism.reduce((peak, step) => Math.max(peak, step.running), 0);
}

export function timelineFigures(timeline: Timeline): TimelineFigure[] {
  const through =
    timeline.criticalFrom === 'declared' ? "through make's declared graph" : 'by observed order: no database';
  return [
    { key: 'wall', label: 'wall time', value: secondsText(timeline.wallSeconds) },
    {
      key: 'critical',
      label: 'critical path',
      value: `${secondsText(timeline.criticalSeconds)} (${timeline.criticalPath.length} targets, ${through})`,
    },
    {
      key: 'parallelism',
      label: 'parallelism',
      value: `${timeline.averageParallelism.toFixed(2)} on average, at most ${peakParallelism(timeline)}`,
    },
    {
      key: 'idle',
      label: 'idle job slots',
      value: `${secondsText(timeline.idleSlotSeconds)} of ${secondsText(timeline.jobs * timeline.wallSeconds)} slot time at -j${timeline.jobs}`,
    },
    {
      key: 'coverage',
      label: 'spans cover',
      value: `${(timeline.coverage * 100).toFixed(1)}% of the wall time`,
    },
  ];
}
