// The build timeline's headline figures as every front end words them (the CLI's summary, the editor's panel).
import * as path from 'node:path';
import type { ReadSpan, TargetSpan, Timeline } from '../../engine/timeline/timelineTypes';

export interface TimelineFigure {
  /** A stable key for tests and styling: 'wall', 'critical', 'parallelism', 'idle', 'parsing', 'coverage'. */
  key: 'wall' | 'critical' | 'parallelism' | 'idle' | 'parsing' | 'coverage';
  label: string;
  value: string;
}

export const secondsText = (value: number): string => `${value.toFixed(2)} s`;

/** A target as the summaries name it: relative to the top directory, e.g. 'sub/x'. */
export function spanName(span: Pick<TargetSpan, 'target' | 'directory'>, root: string): string {
  const relative = path.relative(root, span.directory);
  return relative === '' ? span.target : `${relative}/${span.target}`;
}

/** `n` things, singular or plural: '1 sub-make', '4 recipes'. */
function counted(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** How many recipes ran and how many of them ran a sub-make: '4 recipes, 1 sub-make'. */
export function spanCounts(timeline: {
  spans: readonly Pick<Timeline['spans'][number], 'container'>[];
}): string {
  const work = timeline.spans.filter((span) => !span.container).length;
  return `${counted(work, 'recipe')}, ${counted(timeline.spans.length - work, 'sub-make')}`;
}

/** The most recipes that ran at once. */
export function peakParallelism(timeline: Pick<Timeline, 'parallelism'>): number {
  // A fold, not Math.max(...steps): 100,000 recipes make ~200,000 steps, more arguments than the stack holds.
  return timeline.parallelism.reduce((peak, step) => Math.max(peak, step.running), 0);
}

/** The makefile a read started from, relative to the top directory ('sub/Makefile'), includes read inside it. */
export function readName(read: Pick<ReadSpan, 'directory' | 'makefiles' | 'level'>, root: string): string {
  const first = read.makefiles[0];
  if (first === undefined || read.directory === undefined)
    return `the makefiles of a make at level ${read.level}`;
  return path.relative(root, path.resolve(read.directory, first)) || first;
}

export interface MakefileParse {
  /** As `readName` words it. */
  makefile: string;
  seconds: number;
  /** How many times a make read it (a sub-make run twice, a re-execution after remaking a makefile). */
  reads: number;
  /** The other makefiles those reads included (MAKEFILE_LIST after the first). */
  included: string[];
}

/** Time spent reading makefiles, per makefile a make was given (its includes inside), longest first. */
export function parseTimes(timeline: Pick<Timeline, 'reads'>, root: string): MakefileParse[] {
  const byName = new Map<string, MakefileParse>();
  for (const read of timeline.reads) {
    const makefile = readName(read, root);
    const entry = byName.get(makefile) ?? { makefile, seconds: 0, reads: 0, included: [] };
    entry.seconds += read.end - read.start;
    entry.reads += 1;
    for (const name of read.makefiles.slice(1)) if (!entry.included.includes(name)) entry.included.push(name);
    byName.set(makefile, entry);
  }
  return [...byName.values()].sort((a, b) => b.seconds - a.seconds || a.makefile.localeCompare(b.makefile));
}

function parsingFigure(timeline: Timeline): TimelineFigure {
  const seconds = timeline.reads.reduce((sum, read) => sum + read.end - read.start, 0);
  const makes = new Set(timeline.reads.map((read) => read.pid)).size;
  const reads = timeline.reads.length;
  return {
    key: 'parsing',
    label: 'parsing',
    value: `${secondsText(seconds)} reading makefiles (${reads} read${reads === 1 ? '' : 's'} by ${makes} make${makes === 1 ? '' : 's'})`,
  };
}

export function timelineFigures(timeline: Timeline): TimelineFigure[] {
  const through =
    timeline.criticalFrom === 'declared' ? "through make's declared graph" : 'by observed order: no database';
  const length = timeline.criticalPath.length;
  const critical =
    length === 0
      ? 'none: no recipe ran'
      : `${secondsText(timeline.criticalSeconds)} (${length} target${length === 1 ? '' : 's'}, ${through})`;
  return [
    { key: 'wall', label: 'wall time', value: secondsText(timeline.wallSeconds) },
    { key: 'critical', label: 'critical path', value: critical },
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
    parsingFigure(timeline),
    {
      key: 'coverage',
      label: 'spans cover',
      value: `${(timeline.coverage * 100).toFixed(1)}% of the wall time`,
    },
  ];
}
