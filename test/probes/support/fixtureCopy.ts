// A fixture copied to a temp folder with controlled timestamps, standing in for a user's workspace.
import { execFileSync } from 'node:child_process';
import { cp, lstat, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './makes';

export interface Workspace {
  directory: string;
  dispose(): Promise<void>;
}

async function setTimes(directory: string, when: Date): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) await setTimes(file, when);
    await utimes(file, when, when);
  }
}

/**
 * Copies test/fixtures/NAME; every file gets the same time an hour ago (git checkouts give
 * arbitrary times). With `build`, a real build then runs there (setup, not a probe).
 */
export async function workspaceFrom(name: string, options: { build?: string } = {}): Promise<Workspace> {
  const root = await mkdtemp(path.join(tmpdir(), 'makescope-test-'));
  const directory = path.join(root, name);
  await cp(path.join(repoRoot, 'test', 'fixtures', name), directory, { recursive: true });
  await setTimes(directory, new Date(Date.now() - 3600_000));
  if (options.build) {
    execFileSync(options.build, ['-s'], {
      cwd: directory,
      stdio: 'ignore',
      env: { ...process.env, MAKEFLAGS: '' },
    });
    await clockPast(await newestTimeMs(directory));
  }
  return { directory, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** The newest modification time under `directory`, in ms with the nanoseconds kept as a fraction. */
async function newestTimeMs(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    const info = await lstat(file, { bigint: true });
    newest = Math.max(newest, Number(info.mtimeNs) / 1e6, entry.isDirectory() ? await newestTimeMs(file) : 0);
  }
  return newest;
}

/**
 * Returns once the clock reads a millisecond after `timeMs` (a millisecond or two at most after a build):
 * a `touch` right after the build gives a file the time of `new Date()`, whole milliseconds, and the
 * build's files carry the kernel's time with its nanoseconds, so a touch within the millisecond of the
 * build's last write made the source older than what the build wrote (three probe tests said
 * "converged" after such a touch in one CI rehearsal).
 */
async function clockPast(timeMs: number): Promise<void> {
  while (Date.now() <= timeMs) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Makes `file` newer than everything else (an edit; after `workspaceFrom`, whose files are all older than now). */
export async function touch(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now);
}
