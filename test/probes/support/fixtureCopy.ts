// A fixture copied to a temp folder with controlled timestamps, standing in for a user's workspace.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
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
  if (options.build)
    execFileSync(options.build, ['-s'], {
      cwd: directory,
      stdio: 'ignore',
      env: { ...process.env, MAKEFLAGS: '' },
    });
  return { directory, dispose: () => rm(root, { recursive: true, force: true }) };
}

/** Makes `file` newer than everything else (an edit). */
export async function touch(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now);
}
