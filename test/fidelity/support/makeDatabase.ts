// make's database of one makefile (`make -pRrq`), with what legitimately differs between two runs normalised.
import * as path from 'node:path';
import { runProcess } from '../../../engine/probes/exec';

/** A goal no makefile defines: make reads everything, prints its database, and runs no recipe. */
const NO_GOAL = '__makescope_format_check__';

export interface Database {
  exitCode: number | null;
  /** stdout (the database) and stderr with timestamps, mtimes and line numbers normalised. */
  text: string;
}

export async function makeDatabase(make: string, makefile: string): Promise<Database> {
  const result = await runProcess({
    file: make,
    args: ['-pRrq', '-f', path.basename(makefile), NO_GOAL],
    cwd: path.dirname(makefile),
    timeoutMs: 120_000,
    maxOutputBytes: 64 * 1024 * 1024,
  });
  if (result.outcome !== 'exited')
    throw new Error(`${make} on ${makefile}: ${result.message ?? result.outcome}`);
  return {
    exitCode: result.exitCode,
    text: normalise(result.stdout) + '\n--- stderr\n' + normalise(result.stderr),
  };
}

/** Timestamps, file mtimes and line numbers (blank lines the formatter removes move them) are not meaning. */
export function normalise(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/^# (Make data base, printed on|Finished Make data base on) /.test(line))
    .filter((line) => !/^#  Last modified /.test(line))
    .map((line) =>
      line
        .replace(/\(from '([^']*)', line \d+\)/g, "(from '$1', line N)")
        .replace(/^([^\s:]+):\d+: /, '$1:N: ')
        .replace(/(make(\[\d+\])?: \S+?):\d+: /g, '$1:N: '),
    )
    .join('\n');
}

/** The first line where two outputs differ, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    if (left[i] !== right[i]) return `line ${i + 1}:\n  before: ${left[i]}\n  after:  ${right[i]}`;
  return 'identical';
}
