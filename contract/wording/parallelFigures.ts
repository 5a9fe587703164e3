// The two timing figures of a parallel diff as every front end words them: the speedup of -jN over
// -j1 (only when both builds succeeded: a build that fails early is fast, not parallel) and the
// overhead of tracing (a negative one is measurement noise, not a gain).
import type { ParallelDiffResult } from '../../engine/parallel/parallelTypes';

/** The speedup worth showing, or undefined when the serial or the parallel build failed. */
export function meaningfulSpeedup(result: ParallelDiffResult): number | undefined {
  const serial = result.runs[0];
  const parallel = result.runs.find((run) => run.kind === 'parallel');
  if (!serial || !parallel || serial.exitCode !== 0 || parallel.exitCode !== 0) return undefined;
  return result.speedup;
}

/** "speedup of -j4 over -j1: 1.83x", or undefined when there is none to show. */
export function speedupText(result: ParallelDiffResult): string | undefined {
  const speedup = meaningfulSpeedup(result);
  return speedup === undefined ? undefined : `speedup of -j${result.jobs} over -j1: ${speedup.toFixed(2)}x`;
}

/** "+12% over the untraced build", or "within noise of the untraced build" for 0 or less. */
export function tracingOverheadText(overheadPercent: number): string {
  return overheadPercent > 0
    ? `+${overheadPercent}% over the untraced build`
    : 'within noise of the untraced build';
}
