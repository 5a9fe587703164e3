// What the Parallel Diff view and panel show of a result: identical differences of several runs as one group,
// and notes worded for the extension (settings, not the CLI's flags or this repository's scripts).
import type { ParallelDiffResult, RunDifference } from '../../../../contract/parallelDiff';

/** Runs whose differences from the serial build are the same (e.g. two parallel runs that failed alike). */
export interface DifferenceGroup {
  runs: string[];
  /** The first run's difference: the one its diff editors open. */
  difference: RunDifference;
}

function differs(difference: RunDifference): boolean {
  return (
    difference.exitCodeDiffers ||
    difference.firstErrorDiffers ||
    difference.artifacts.length > 0 ||
    difference.logs.length > 0
  );
}

function signature(difference: RunDifference): string {
  return JSON.stringify([
    difference.exitCodeDiffers,
    difference.firstErrorDiffers,
    difference.artifacts.map((artifact) => [artifact.path, artifact.serial, artifact.other]),
    difference.logs.map((log) => [log.target, log.serialLog, log.otherLog]),
  ]);
}

/** The runs that differ from the serial build, identical differences grouped, in run order. */
export function groupDifferences(result: ParallelDiffResult): DifferenceGroup[] {
  const groups = new Map<string, DifferenceGroup>();
  for (const difference of result.differences.filter(differs)) {
    const key = signature(difference);
    const group = groups.get(key);
    if (group) group.runs.push(difference.run);
    else groups.set(key, { runs: [difference.run], difference });
  }
  return [...groups.values()];
}

/** The engine's notes, with the advice for a make without --shuffle naming the setting instead of CLI flags. */
export function extensionNotes(result: ParallelDiffResult): string[] {
  return result.notes.map((note) =>
    /no --shuffle/.test(note)
      ? `GNU make ${result.make.version} has no --shuffle (4.4 or newer): the -j${result.jobs} build was repeated instead. ` +
        'To also try shuffled orders, set makescope.makePath to a GNU make 4.4 or newer.'
      : note,
  );
}
