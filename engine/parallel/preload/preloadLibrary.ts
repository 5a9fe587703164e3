// The file-access recorder as a library: compiled from recorderSource.ts by the machine's cc (compiledHelper.ts).
import { realpath } from 'node:fs/promises';
import { compiledHelper } from '../../probes/compiledHelper';
import { findOnPath } from '../../probes/findOnPath';
import { RECORDER_SOURCE } from './recorderSource';

export type PreloadLibrary = { ok: true; library: string } | { ok: false; reason: string };

/** The recorder's library, built the first time a process asks (a failure is tried again next time). */
export async function preloadLibrary(signal?: AbortSignal): Promise<PreloadLibrary> {
  const built = await compiledHelper(
    {
      name: 'access-recorder',
      extension: '.so',
      source: RECORDER_SOURCE,
      flags: ['-shared', '-fPIC', '-O2'],
      libraries: ['-ldl'],
    },
    signal,
  );
  return built.ok ? { ok: true, library: built.file } : built;
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
