// What a real make prints, to hold a probe's recorded build output against: the lines of each, sorted (-j2 interleaves them).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TimelineResult } from '../../../engine/timeline/timelineProbe';

const run = promisify(execFile);

const sortedLines = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .sort();

/** What a real `make -j2` prints in a copy of the fixture, its lines sorted. */
export async function realMakeLines(make: string, directory: string): Promise<string[]> {
  const { stdout } = await run(make, ['-j2'], { cwd: directory, env: { ...process.env, MAKEFLAGS: '' } });
  return sortedLines(stdout);
}

/** What the timeline's recorded build printed, its lines sorted. */
export const outputLines = (result: TimelineResult): string[] => sortedLines(result.output);
