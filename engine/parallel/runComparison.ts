// Compares one build against the serial one: exit code, first error, artifacts (by hash) and per-target logs.
import { open } from 'node:fs/promises';
import type { FinishedBuild } from './buildRun';
import type { ArtifactDifference, LogDifference, RunDifference } from './parallelTypes';

/** How much text of one artifact is kept for a side-by-side diff. */
export const MAX_TEXT_BYTES = 256 * 1024;

/** The file as text when it is small and has no NUL byte; '' when absent; undefined when binary or big. */
export async function readSmallText(file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return '';
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_TEXT_BYTES) return undefined;
    const buffer = await handle.readFile();
    return buffer.includes(0) ? undefined : buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function compareArtifacts(
  serial: FinishedBuild,
  other: FinishedBuild,
): Promise<ArtifactDifference[]> {
  const touched = new Set<string>();
  for (const build of [serial, other])
    for (const name of [...build.record.created, ...build.record.changed, ...build.record.deleted])
      touched.add(name);
  const differences: ArtifactDifference[] = [];
  for (const name of [...touched].sort()) {
    const [a, b] = await Promise.all([serial.view.stateOf(name), other.view.stateOf(name)]);
    if (a === b || (a === 'directory' && b === 'directory')) continue;
    const difference: ArtifactDifference = { path: name, serial: a, other: b, run: other.record.label };
    const [serialText, otherText] = await Promise.all([
      readSmallText(serial.view.contentPath(name)),
      readSmallText(other.view.contentPath(name)),
    ]);
    if (serialText !== undefined && otherText !== undefined) {
      difference.serialText = serialText;
      difference.otherText = otherText;
    }
    differences.push(difference);
  }
  return differences;
}

export function compareLogs(serial: FinishedBuild, other: FinishedBuild): LogDifference[] {
  const names = new Set([...serial.logs.logs.keys(), ...other.logs.logs.keys()]);
  const differences: LogDifference[] = [];
  for (const target of [...names].sort()) {
    const serialLog = serial.logs.logs.get(target) ?? '';
    const otherLog = other.logs.logs.get(target) ?? '';
    if (serialLog !== otherLog) differences.push({ target, run: other.record.label, serialLog, otherLog });
  }
  return differences;
}

/** `nondeterministic`: files that differ between two serial builds; they are listed apart, never as artifacts. */
export async function compareRuns(
  serial: FinishedBuild,
  other: FinishedBuild,
  nondeterministic: ReadonlySet<string> = new Set(),
): Promise<RunDifference> {
  const artifacts = await compareArtifacts(serial, other);
  const apart = artifacts.filter((artifact) => nondeterministic.has(artifact.path)).map((a) => a.path);
  return {
    run: other.record.label,
    exitCodeDiffers: serial.record.exitCode !== other.record.exitCode,
    firstErrorDiffers: serial.record.firstError !== other.record.firstError,
    artifacts: artifacts.filter((artifact) => !nondeterministic.has(artifact.path)),
    logs: compareLogs(serial, other),
    ...(apart.length > 0 ? { nondeterministic: apart } : {}),
  };
}

/** Only the exit status and the files written decide; logs and make's words are shown, never decide. */
export function hasDifference(difference: RunDifference): boolean {
  return difference.exitCodeDiffers || difference.artifacts.length > 0;
}
