// A throw-away copy of a project (timestamps and symlinks kept): the fallback where isolation is not available.
import { cp, lstat, readdir, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { ProbeError } from './probeOptions';
import { withScratch } from './scratchFolders';

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
  return withScratch('sandbox', async (root) => {
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
    return work({
      directory,
      toOriginal: (file) => {
        const relative = path.relative(directory, path.resolve(directory, file));
        return relative.startsWith('..') ? file : path.join(original, relative);
      },
    });
  });
}
