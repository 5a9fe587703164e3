// Runs one make synchronously in a folder, as a user would in a terminal (C locale, no inherited MAKEFLAGS).
import { spawnSync } from 'node:child_process';

export function runMake(
  make: string,
  directory: string,
  args: string[],
): { status: number | null; output: string } {
  const result = spawnSync(make, args, {
    cwd: directory,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, MAKEFLAGS: '', LC_ALL: 'C' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
