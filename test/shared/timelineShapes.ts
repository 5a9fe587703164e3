// Timelines and timeline answers for tests (and the bench) that fill in only the parts they check.
import type { ChromeTrace, Timeline, TimelineAnswer } from '../../contract/timeline';

export function emptyTimeline(parts: Partial<Timeline> = {}): Timeline {
  return {
    wallSeconds: 0,
    jobs: 1,
    spans: [],
    reads: [],
    criticalPath: [],
    criticalSeconds: 0,
    criticalFrom: 'declared',
    coverage: 1,
    averageParallelism: 1,
    parallelism: [],
    idleSlotSeconds: 0,
    speedups: [],
    ...parts,
  };
}

/** The answer a `-j<jobs> -p` timeline build of `directory` gives, around `timeline`. */
export function timelineAnswer(
  directory: string,
  timeline: Timeline,
  chromeTrace: ChromeTrace = { traceEvents: [], displayTimeUnit: 'ms' },
): TimelineAnswer {
  return {
    directory,
    targets: [],
    make: { path: 'make', version: '4.3' },
    command: ['make', `-j${timeline.jobs}`, '-p'],
    recorder: 'shell',
    timeline,
    exitCode: 0,
    output: '',
    notes: [],
    chromeTrace,
  };
}
