// A timeline with nothing in it, for tests that fill in only the parts they check.
import type { Timeline } from '../../contract/timeline';

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
