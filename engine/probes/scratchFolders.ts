// The probes' scratch folders: named by process, removed after use, by the guard if the process dies, or at the next start.
import { mkdtempSync } from 'node:fs';
import { lstat, readdir, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { guardScratchFolder } from './exec';
import { isInside } from './isolation/projectRoot';

const PREFIX = 'makescope-';
/** A folder is stale when the process that made it is gone and it has not been touched for this long. */
const STALE_MS = 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a scratch folder, also one overlayfs left a permission-less work folder in. */
export async function removeScratch(folder: string): Promise<void> {
  const attempt = (): Promise<void> => rm(folder, { recursive: true, force: true, maxRetries: 3 });
  try {
    await attempt();
  } catch {
    const work = path.join(folder, 'work', 'work');
    await chmod(work, 0o700).catch(() => undefined);
    await attempt().catch(() => undefined);
  }
}

const swept = new Set<string>();

/**
 * Folders of processes that no longer run (killed before they or their guard could clean up) are
 * removed once per base folder and process. The age check keeps the folders of a process that only
 * looks dead from here (another PID namespace sharing the temp folder).
 */
async function removeStale(base: string): Promise<void> {
  if (swept.has(base)) return;
  swept.add(base);
  for (const name of await readdir(base).catch(() => [] as string[])) {
    const pid = /^makescope-[a-z]+-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    const folder = path.join(base, name);
    const info = await lstat(folder).catch(() => undefined);
    if (info?.isDirectory() && Date.now() - info.mtimeMs > STALE_MS) await removeScratch(folder);
  }
}

/** The temp folder, or another when the temp folder lies inside `avoid` (an overlay cannot hold its own layers). */
export function scratchBase(avoid?: string): string {
  const candidates = [tmpdir(), '/var/tmp', '/dev/shm'];
  return candidates.find((base) => avoid === undefined || !isInside(base, avoid)) ?? tmpdir();
}

async function makeScratch(kind: string, avoid?: string): Promise<string> {
  const base = scratchBase(avoid);
  await removeStale(base);
  // Made and told to the guard in one synchronous step: a kill can come only before the folder exists or
  // after the guard heard of it (an asynchronous mkdtemp's answer would wait for the event loop). mkdtemp's
  // random suffix comes from the kernel (getrandom), and the folder is the caller's alone (mode 0700).
  const folder = mkdtempSync(path.join(base, `${PREFIX}${kind}-${process.pid}-`));
  guardScratchFolder(folder, true);
  return folder;
}

/** Makes `makescope-KIND-PID-xxxx`, runs `work` with it, and removes it whatever happens. */
export async function withScratch<T>(
  kind: string,
  work: (folder: string) => Promise<T>,
  avoid?: string,
): Promise<T> {
  const folder = await makeScratch(kind, avoid);
  try {
    return await work(folder);
  } finally {
    await removeScratch(folder);
    guardScratchFolder(folder, false);
  }
}

/** Runs `work` with a scratch folder made on first use only (most probes never need one). */
export async function withLazyScratch<T>(
  kind: string,
  work: (folder: () => Promise<string>) => Promise<T>,
): Promise<T> {
  let made: Promise<string> | undefined;
  const folder = (): Promise<string> => {
    made ??= makeScratch(kind);
    return made;
  };
  try {
    return await work(folder);
  } finally {
    const created = await made?.catch(() => undefined);
    if (created !== undefined) {
      await removeScratch(created);
      guardScratchFolder(created, false);
    }
  }
}
