// Proves a tree untouched down to ctimes: nothing in it (folders included) changed after a moment taken before the probe.
import { lstat, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

async function newestChange(file: string, recursive: boolean): Promise<bigint> {
  const info = await lstat(file, { bigint: true });
  let newest = info.ctimeNs > info.mtimeNs ? info.ctimeNs : info.mtimeNs;
  if (info.isDirectory() && recursive) {
    for (const name of await readdir(file)) {
      const child = await newestChange(path.join(file, name), recursive);
      if (child > newest) newest = child;
    }
  }
  return newest;
}

/**
 * A moment after every change in `roots` so far, read from the file system's own clock (a marker
 * file written until its ctime is past them: file times are coarser than a nanosecond).
 */
export async function momentAfter(roots: string[], marker: string): Promise<bigint> {
  let newest = 0n;
  for (const root of roots) {
    const change = await newestChange(root, true);
    if (change > newest) newest = change;
  }
  const deadline = Date.now() + 5000;
  for (;;) {
    await writeFile(marker, '');
    const now = (await lstat(marker, { bigint: true })).ctimeNs;
    if (now > newest) return now;
    if (Date.now() > deadline) throw new Error('the file system clock did not move in 5 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Every path under `root` (itself included; only its entries when not `recursive`) changed at or after `since`. */
export async function changedSince(root: string, since: bigint, recursive = true): Promise<string[]> {
  const changed: string[] = [];
  const visit = async (file: string, depth: number): Promise<void> => {
    const info = await lstat(file, { bigint: true });
    if (info.ctimeNs >= since || info.mtimeNs >= since) changed.push(file);
    if (!info.isDirectory() || (!recursive && depth > 0)) return;
    for (const name of await readdir(file)) await visit(path.join(file, name), depth + 1);
  };
  await visit(root, 0);
  return changed;
}
