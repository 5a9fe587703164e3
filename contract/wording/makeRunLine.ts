// One make run as the logs show it: the exact command line (to repeat in a terminal), its exit and duration.
import type { ProbeRun } from '../protocol';
import { formatDuration } from './durations';

export function makeRunLine(run: ProbeRun): string {
  const copy =
    run.where === 'isolated' ? '   # ran isolated' : run.sandboxed ? '   # ran in a throwaway copy' : '';
  return `$ ${run.command}   (exit ${run.exitCode ?? 'none'}, ${formatDuration(run.durationMs)})${copy}`;
}
