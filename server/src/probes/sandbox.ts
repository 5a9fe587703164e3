// A throw-away copy of a project (timestamps and symlinks kept) for probes that could write or must build.
import { cp, lstat, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProbeError } from './probeOptions';

export interface Sandbox {
  /** The copy of the project directory. */
  directory: string;
  /** Maps a path inside the copy back to the original project. */
  toOriginal(file: string): string;
}

// fs.cp keeps file times but not directory times; make compares directory mtimes when a
// directory is a prerequisite, so they are restored after the copy, deepest first.
async function restoreDirectoryTimes(source: string, copy: string): Promise<void> {
  const entries = await readdir(source, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory())
      await restoreDirectoryTimes(path.join(source, entry.name), path.join(copy, entry.name));
  }
  const stat = await lstat(source);
  await utimes(copy, stat.atime, stat.mtime);
}

const PREFIX = 'makescope-sandbox-';
/** A copy is stale when the process that made it is gone and it has not been touched for this long. */
const STALE_MS = 10 * 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A server or CLI killed mid-probe (SIGKILL, a crash) cannot remove its copy; the next sandbox
 * removes copies named with a process id that no longer runs. The age check keeps copies of a
 * process that merely looks dead from here (another PID namespace sharing the temp folder).
 */
async function removeStaleSandboxes(): Promise<void> {
  const folder = tmpdir();
  const entries = await readdir(folder).catch(() => [] as string[]);
  for (const name of entries) {
    const pid = /^makescope-sandbox-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    const root = path.join(folder, name);
    const info = await lstat(root).catch(() => undefined);
    if (info?.isDirectory() && Date.now() - info.mtimeMs > STALE_MS)
      await rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A copy that did not fit (or failed otherwise) is a sandbox problem, said in one line with the way out. */
function copyFailed(original: string, root: string, error: unknown): ProbeError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `no space left in ${path.dirname(root)} (set TMPDIR to a folder on a larger disk)`
      : error instanceof Error
        ? error.message
        : String(error);
  return new ProbeError(`could not make the sandbox copy of ${original}: ${why}`, 'sandbox');
}

/** Runs `work` in a fresh copy of `projectDirectory`, and removes the copy afterwards, whatever happens. */
export async function withSandbox<T>(
  projectDirectory: string,
  work: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
  const original = path.resolve(projectDirectory);
  await removeStaleSandboxes();
  const root = await mkdtemp(path.join(tmpdir(), `${PREFIX}${process.pid}-`));
  try {
    const directory = path.join(root, path.basename(original) || 'project');
    try {
      await cp(original, directory, {
        recursive: true,
        preserveTimestamps: true,
        verbatimSymlinks: true,
        errorOnExist: true,
      });
      await restoreDirectoryTimes(original, directory);
    } catch (error) {
      throw copyFailed(original, root, error);
    }
    return await work({
      directory,
      toOriginal: (file) => {
        const relative = path.relative(directory, path.resolve(directory, file));
        return relative.startsWith('..') ? file : path.join(original, relative);
      },
    });
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
}
