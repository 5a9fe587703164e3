// Small C helpers (the preloaded recorder, the namespace launcher) compiled by the machine's cc, once per source
// and compiler, into the cache folder, and used from there only while that folder and file are the user's own.
import type { Stats } from 'node:fs';
import { lstat, mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { cacheFolder } from './cacheFolder';
import { runProcess } from './exec';
import { findOnPath } from './findOnPath';
import { nameDigest } from './nameDigest';

export type CompiledHelper = { ok: true; file: string } | { ok: false; reason: string };

export interface HelperSpec {
  /** The file's name in the cache folder, before the key: `access-recorder`. */
  name: string;
  /** `.so` for a library, '' for a program. */
  extension: string;
  source: string;
  /** cc's arguments before `-o OUTPUT SOURCE`, and after (libraries). */
  flags: string[];
  libraries?: string[];
}

/** Owned by this user and writable by no one else: a file every isolated or traced process will run. */
function ownedAlone(info: Stats): boolean {
  return (info.mode & 0o022) === 0 && (process.getuid === undefined || info.uid === process.getuid());
}

async function trusted(file: string): Promise<boolean | undefined> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return undefined;
  return info.isFile() && ownedAlone(info) && ownedAlone(await lstat(path.dirname(file)));
}

async function compile(
  spec: HelperSpec,
  compiler: string,
  folder: string,
  target: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const partial = `${target}.${process.pid}`;
  const source = `${partial}.c`;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(source, spec.source, { mode: 0o600 });
  try {
    const result = await runProcess({
      file: compiler,
      args: [...spec.flags, '-o', partial, source, ...(spec.libraries ?? [])],
      cwd: folder,
      timeoutMs: 120_000,
      maxOutputBytes: 1024 * 1024,
      signal,
    });
    if (result.outcome !== 'exited' || result.exitCode !== 0)
      return `${path.basename(compiler)} could not build it (${(result.stderr || result.message || `exit ${result.exitCode}`).trim().split('\n')[0]})`;
    await rename(partial, target);
    return undefined;
  } finally {
    await rm(source, { force: true });
    await rm(partial, { force: true });
  }
}

async function build(spec: HelperSpec, folder: string, signal?: AbortSignal): Promise<CompiledHelper> {
  const found = (await findOnPath('cc')) ?? (await findOnPath('gcc'));
  if (!found) return { ok: false, reason: 'no C compiler (cc) to build it' };
  const compiler = await realpath(found);
  const key = nameDigest(
    [spec.source, ...spec.flags, ...(spec.libraries ?? []), compiler, process.arch].join('\0'),
  );
  const file = path.join(folder, `${spec.name}-${key.slice(0, 16)}${spec.extension}`);
  if ((await trusted(file)) === undefined) {
    const failed = await compile(spec, compiler, folder, file, signal);
    if (failed !== undefined) return { ok: false, reason: failed };
  }
  return { ok: true, file };
}

/** Built (or found) once per process, cache folder and helper; a failure is tried again next time. */
const built = new Map<string, Promise<CompiledHelper>>();

/**
 * The helper's file. The compile is kept for the process; the file's trust (this user's own, no one
 * else may write it or its folder) is checked at every call, since it is run or loaded right after.
 */
export async function compiledHelper(
  spec: HelperSpec,
  signal?: AbortSignal,
  retried = false,
): Promise<CompiledHelper> {
  const folder = cacheFolder();
  if (folder === undefined)
    return { ok: false, reason: 'no cache folder to keep it in (MAKESCOPE_CACHE_DIR=none)' };
  const key = `${folder}\0${spec.name}`;
  const asked =
    built.get(key) ??
    build(spec, folder, signal).catch(
      (error: Error): CompiledHelper => ({ ok: false, reason: error.message }),
    );
  built.set(key, asked);
  const answer = await asked;
  if (!answer.ok || (await trusted(answer.file)) !== true) {
    if (built.get(key) === asked) built.delete(key);
    if (!answer.ok) return answer;
    // Gone since it was built (a cleaned cache): built again, once.
    if ((await trusted(answer.file)) === undefined && !retried) return compiledHelper(spec, signal, true);
    return { ok: false, reason: `${answer.file} is not this user's own alone` };
  }
  return answer;
}
