// What detection found (make's capabilities, the isolation that works) kept across processes, one file per answer.
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { cacheFolder } from './cacheFolder';
import { nameDigest } from './nameDigest';

/*
 * A CLI process asks the same questions every time it starts, and each answer costs a process or
 * two. An answer is kept under a key naming everything it depends on (the executable's path and
 * stat, the kernel's boot, the namespaces, ...): when one of them changes the key changes and the
 * answer is found again. Only this user's own files are read; any failure reads as "not kept".
 * The folder is cacheFolder()'s (MAKESCOPE_CACHE_DIR=none keeps nothing).
 */

function entryFile(folder: string, kind: string, key: string): string {
  return path.join(folder, `${kind}-${nameDigest(key)}.json`);
}

/** A file this user owns that nobody else can write (a shared folder must not feed us answers). */
async function trusted(file: string): Promise<boolean> {
  const info = await lstat(file).catch(() => undefined);
  if (!info?.isFile() || (info.mode & 0o022) !== 0) return false;
  return process.getuid === undefined || info.uid === process.getuid();
}

/** The answer kept for `key`, when there is one and it has the expected shape. */
export async function recall<T>(
  kind: string,
  key: string,
  valid: (value: unknown) => value is T,
): Promise<T | undefined> {
  const folder = cacheFolder();
  if (folder === undefined) return undefined;
  const file = entryFile(folder, kind, key);
  try {
    if (!(await trusted(file))) return undefined;
    const entry = JSON.parse(await readFile(file, 'utf8')) as { key?: unknown; value?: unknown };
    return entry.key === key && valid(entry.value) ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

/** Answers kept per kind; older ones go (each reboot, each new make gives a new key). */
const KEPT_PER_KIND = 16;

async function prune(folder: string, kind: string): Promise<void> {
  const names = (await readdir(folder)).filter(
    (name) => name.startsWith(`${kind}-`) && name.endsWith('.json'),
  );
  if (names.length <= KEPT_PER_KIND) return;
  const dated = await Promise.all(
    names.map(async (name) => ({
      file: path.join(folder, name),
      mtimeMs: (await stat(path.join(folder, name)).catch(() => undefined))?.mtimeMs ?? 0,
    })),
  );
  dated.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of dated.slice(KEPT_PER_KIND)) await rm(file, { force: true });
}

/** Keeps `value` for `key` (written whole, then renamed: a reader never sees half a file). */
export async function remember(kind: string, key: string, value: unknown): Promise<void> {
  const folder = cacheFolder();
  if (folder === undefined) return;
  const file = entryFile(folder, kind, key);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(partial, JSON.stringify({ key, value }), { mode: 0o600 });
    await rename(partial, file);
    await prune(folder, kind);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
}

/** Drops the answer kept for `key` (it turned out wrong). */
export async function forget(kind: string, key: string): Promise<void> {
  const folder = cacheFolder();
  if (folder !== undefined) await rm(entryFile(folder, kind, key), { force: true }).catch(() => undefined);
}
