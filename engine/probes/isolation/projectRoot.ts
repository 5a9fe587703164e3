// Which folder the overlay covers: the repository's top level, or the highest folder the makefiles name.
import { realpath, stat } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';

export interface ProjectRoot {
  root: string;
  /** Why this folder, in words for the answer. */
  why: string;
}

async function deviceOf(folder: string): Promise<number | undefined> {
  return (await stat(folder).catch(() => undefined))?.dev;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

/**
 * `directory` by its real path. The overlay covers real paths: through a symlink that leads out of the
 * repository, make would run in a folder the overlay does not cover (and the private /tmp may hide).
 */
export async function realFolder(directory: string): Promise<string> {
  return realpath(directory).catch(() => directory);
}

/**
 * `file` with the symlinks on its way resolved, where the file itself need not exist yet: the real
 * path of its nearest existing ancestor, and the rest as written.
 */
export async function realPathOf(file: string): Promise<string> {
  const rest: string[] = [];
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    const real = await realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest);
    if (path.dirname(at) === at) return file;
    rest.unshift(path.basename(at));
  }
}

/** The nearest folder at or above `directory` that holds `.git` (a folder, or a file in a worktree). */
async function repositoryTop(directory: string): Promise<string | undefined> {
  for (let folder = directory; ; folder = path.dirname(folder)) {
    if (await exists(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** Whether `file` is `folder` or lies below it (paths resolved, no trailing slash). */
export function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder === '/' ? '/' : `${folder}/`);
}

function commonAncestor(a: string, b: string): string {
  const left = a.split('/');
  const right = b.split('/');
  let same = 0;
  while (same < left.length && same < right.length && left[same] === right[same]) same++;
  return left.slice(0, same).join('/') || '/';
}

/**
 * A folder the overlay may cover: two levels deep at least (never /, /usr, /home or /tmp), not the
 * home folder or one above it, not a folder that holds the scratch space, and on the project's disk
 * (an overlay shows one file system: a folder mounted inside it would be hidden).
 */
async function acceptable(folder: string, device: number | undefined, scratch: string): Promise<boolean> {
  if (folder.split('/').filter(Boolean).length < 2) return false;
  if (isInside(homedir(), folder) || isInside(scratch, folder)) return false;
  return (await deviceOf(folder)) === device;
}

// Absolute paths and paths that climb out with '..', as they appear in makefile text.
const NAMED_PATH = /(?:^|[\s=:;('"])((?:\/|\.\.(?:\/|$|(?=[\s)'";])))[^\s$()'";,]*)/gm;

/** The absolute paths and the paths climbing out with '..' that a makefile's text names, as written. */
export function namedPaths(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(NAMED_PATH)) found.add(match[1]);
  return [...found];
}

/**
 * The root of the project `directory` (by its real path) belongs to. A repository's top level when there is one; else
 * `directory`, widened to the highest acceptable folder the makefiles name (cmake's build folder
 * names its source folder; `cd ../deps` names the folder above `src`).
 */
export async function findProjectRoot(
  directory: string,
  named: readonly string[],
  scratch = tmpdir(),
): Promise<ProjectRoot> {
  directory = await realFolder(directory);
  const device = await deviceOf(directory);
  const top = await repositoryTop(directory);
  let root = directory;
  let why = 'the folder make runs in';
  if (top !== undefined && (await acceptable(top, device, scratch))) {
    root = top;
    why = 'the repository';
  }
  for (const name of named) {
    const resolved = path.resolve(directory, name);
    if (isInside(resolved, root)) continue;
    const candidate = commonAncestor(root, resolved);
    if (candidate !== root && (await acceptable(candidate, device, scratch))) {
      root = candidate;
      why = `the makefiles name ${name}`;
    }
  }
  return { root, why };
}
