// The file-access recorder as a library: compiled from recorderSource.ts by the machine's cc, once per source and
// compiler, into the cache folder, and used from there only while that folder and file are the user's own.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { cacheFolder } from '../../probes/cacheFolder';
import { runProcess } from '../../probes/exec';
import { findOnPath } from '../../probes/findOnPath';
import { RECORDER_SOURCE } from './recorderSource';

export type PreloadLibrary = { ok: true; library: string } | { ok: false; reason: string };

/** Owned by this user and writable by no one else: a library every process of a build will load. */
function ownedAlone(info: Stats): boolean {
  return (info.mode & 0o022) === 0 && (process.getuid === undefined || info.uid === process.getuid());
}

async function trusted(file: string): Promise<boolean | undefined> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return undefined;
  return info.isFile() && ownedAlone(info) && ownedAlone(await lstat(path.dirname(file)));
}

async function compile(
  compiler: string,
  folder: string,
  library: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const partial = `${library}.${process.pid}`;
  const source = `${partial}.c`;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(source, RECORDER_SOURCE, { mode: 0o600 });
  try {
    const result = await runProcess({
      file: compiler,
      args: ['-shared', '-fPIC', '-O2', '-o', partial, source, '-ldl'],
      cwd: folder,
      timeoutMs: 120_000,
      maxOutputBytes: 1024 * 1024,
      signal,
    });
    if (result.outcome !== 'exited' || result.exitCode !== 0)
      return `${path.basename(compiler)} could not build it (${(result.stderr || result.message || `exit ${result.exitCode}`).trim().split('\n')[0]})`;
    await rename(partial, library);
    return undefined;
  } finally {
    await rm(source, { force: true });
    await rm(partial, { force: true });
  }
}

async function build(signal?: AbortSignal): Promise<PreloadLibrary> {
  const folder = cacheFolder();
  if (folder === undefined)
    return { ok: false, reason: 'no cache folder to keep it in (MAKESCOPE_CACHE_DIR=none)' };
  const found = (await findOnPath('cc')) ?? (await findOnPath('gcc'));
  if (!found) return { ok: false, reason: 'no C compiler (cc) to build it' };
  const compiler = await realpath(found);
  const key = createHash('sha256').update(`${RECORDER_SOURCE}\0${compiler}\0${process.arch}`).digest('hex');
  const library = path.join(folder, `access-recorder-${key.slice(0, 16)}.so`);
  const known = await trusted(library);
  if (known === false) return { ok: false, reason: `${library} is not this user's own alone` };
  if (known === undefined) {
    const failed = await compile(compiler, folder, library, signal);
    if (failed !== undefined) return { ok: false, reason: failed };
    if ((await trusted(library)) !== true)
      return { ok: false, reason: `${library} is not this user's own alone` };
  }
  return { ok: true, library };
}

let ready: Promise<PreloadLibrary> | undefined;

/** The recorder's library, built the first time a process asks (a failure is tried again next time). */
export function preloadLibrary(signal?: AbortSignal): Promise<PreloadLibrary> {
  const asked =
    ready ?? build(signal).catch((error: Error): PreloadLibrary => ({ ok: false, reason: error.message }));
  ready = asked;
  void asked.then((answer) => {
    if (!answer.ok && ready === asked) ready = undefined;
  });
  return asked;
}

/** LD_PRELOAD with the library first, the user's own libraries kept after it. */
export function preloadVariable(library: string): string {
  return [library, process.env.LD_PRELOAD].filter(Boolean).join(' ');
}

/** The program as /proc/self/exe names it once it runs: found on PATH, links resolved. */
export async function executablePath(program: string): Promise<string> {
  const found = program.includes('/') ? program : await findOnPath(program);
  return found === undefined ? program : realpath(found).catch(() => found);
}
