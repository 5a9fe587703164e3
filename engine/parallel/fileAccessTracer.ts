// A traced, isolated build (the preloaded recorder or strace): is strace possible here, and which files each
// target's recipe read and wrote.
import { createReadStream } from 'node:fs';
import { realpath, stat, writeFile } from 'node:fs/promises';
import { runProcess, type ExecResult } from '../probes/exec';
import type { BuildRunner } from './buildRun';
import { findOnPath } from '../probes/findOnPath';
import { LineSplitter } from '../probes/parsers/lineSplitter';
import type { AccessRecorder } from './accessRecorder';
import { UnrecordedPrograms } from './preload/preloadCoverage';
import { executablePath, preloadVariable } from './preload/preloadLibrary';
import { StraceAccessParser, type AccessLog } from './straceAccessParser';

/** Exported to every recipe as `$@`: how a traced process is tied to the target whose recipe started it. */
export const TARGET_ENV = 'MAKESCOPE_TARGET';

/**
 * make expands an exported recursive variable per recipe, with the automatic variables of the
 * target being built, so every process a recipe starts carries its target's name. Recipes, SHELL
 * and .SHELLFLAGS stay as the user wrote them. Sub-makes inherit --eval through MAKEFLAGS; only the
 * top level defines the variable, so a sub-make's processes keep the name of the top-level target
 * that started it: that is the graph make's top-level database describes.
 */
export function targetExportArgs(): string[] {
  return [`--eval=$(eval $(if $(filter 0,$(MAKELEVEL)),export ${TARGET_ENV} = $$@))`];
}

const SYSCALLS = [
  'execve',
  'openat',
  '?open',
  '?creat',
  '?rename',
  'renameat',
  '?renameat2',
  '?unlink',
  'unlinkat',
  '?rmdir',
  '?mkdir',
  'mkdirat',
  '?link',
  'linkat',
  '?symlink',
  'symlinkat',
  'chdir',
  '?stat',
  '?lstat',
  'newfstatat',
  '?statx',
  '?access',
  'faccessat',
  '?faccessat2',
  'clone',
  '?clone3',
  '?fork',
  '?vfork',
];

export type TracerStatus = { ok: true; strace: string; seccomp: boolean } | { ok: false; reason: string };

function straceArgs(log: string, seccomp: boolean): string[] {
  const args = [
    '-f',
    '-qq',
    '-y',
    '-v',
    '-s',
    '4096',
    '-e',
    'signal=none',
    '-e',
    `trace=${SYSCALLS.join(',')}`,
  ];
  if (seccomp) args.push('--seccomp-bpf');
  return [...args, '-o', log];
}

/**
 * The strace programs this process found able to trace, and how: what ptrace and seccomp allow does not change
 * while a server runs, and trying costs a traced process (~20 ms) per probe. A failure is tried again.
 */
const workingTracers = new Map<string, Extract<TracerStatus, { ok: true }>>();

/** Whether strace is installed and may trace here (containers often forbid ptrace). */
export async function detectTracer(signal?: AbortSignal, program?: string): Promise<TracerStatus> {
  const strace = program ?? (await findOnPath('strace'));
  if (!strace)
    return { ok: false, reason: 'strace is not installed (Debian/Ubuntu: apt-get install strace)' };
  const known = workingTracers.get(strace);
  if (known) return known;
  const found = await tryTracer(strace, signal);
  if (found.ok) workingTracers.set(strace, found);
  return found;
}

async function tryTracer(strace: string, signal?: AbortSignal): Promise<TracerStatus> {
  const attempt = (seccomp: boolean): Promise<ExecResult> =>
    runProcess({
      file: strace,
      args: [...straceArgs('/dev/null', seccomp), 'true'],
      cwd: '/',
      timeoutMs: 10_000,
      maxOutputBytes: 1024 * 1024,
      signal,
    });
  const fast = await attempt(true);
  if (fast.outcome === 'exited' && fast.exitCode === 0) return { ok: true, strace, seccomp: true };
  if (fast.outcome === 'spawn-error')
    return { ok: false, reason: `strace not found at ${strace} (Debian/Ubuntu: apt-get install strace)` };
  const plain = await attempt(false);
  if (plain.outcome === 'exited' && plain.exitCode === 0) return { ok: true, strace, seccomp: false };
  const why = (plain.stderr || plain.message || '').trim().split('\n')[0];
  return {
    ok: false,
    reason: `strace cannot trace here (${why || `exit ${plain.exitCode}`}); in a container, ptrace needs --cap-add=SYS_PTRACE or a seccomp profile that allows it`,
  };
}

export interface TraceRequest {
  recorder: AccessRecorder;
  /** Runs strace or make in the build's place with stderr merged into stdout (buildRun.ts). */
  run: BuildRunner;
  make: string;
  makeArgs: string[];
  /** Where make runs; the paths it names are read relative to it. */
  cwd: string;
  logFile: string;
  maxLogBytes: number;
}

export interface TracedBuild {
  result: ExecResult;
  access?: AccessLog;
  /** Why the accesses are missing (log too large), when they are. */
  problem?: string;
  /** Programs that ran without the preloaded recorder: their accesses are not in `access`. */
  unrecorded?: string[];
}

async function parseLog(file: string, roots: string[], coverage?: UnrecordedPrograms): Promise<AccessLog> {
  const parser = new StraceAccessParser({ roots, envName: TARGET_ENV });
  const splitter = new LineSplitter((line) => {
    parser.line(line);
    coverage?.line(line);
  });
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) splitter.push(chunk as string);
  splitter.finish();
  return parser.finish();
}

/** How a report names the recorder. */
export function recorderName(recorder: AccessRecorder): string {
  return recorder.kind === 'strace' ? 'strace' : 'preloaded recorder';
}

/**
 * make with the recorder preloaded into it and every process it starts (the user's own LD_PRELOAD kept after
 * it); the log exists first, since the library never creates a file.
 */
async function runPreloaded(request: TraceRequest, library: string): Promise<ExecResult> {
  await writeFile(request.logFile, '', { mode: 0o600 });
  return request.run({
    file: request.make,
    args: request.makeArgs,
    env: {
      [TARGET_ENV]: '',
      LD_PRELOAD: preloadVariable(library),
      MAKESCOPE_TRACE_LOG: request.logFile,
      MAKESCOPE_TRACE_MAKE: await executablePath(request.make),
    },
  });
}

export async function traceBuild(request: TraceRequest): Promise<TracedBuild> {
  const { recorder } = request;
  const result =
    recorder.kind === 'preload'
      ? await runPreloaded(request, recorder.library)
      : await request.run({
          file: recorder.tracer.strace,
          args: [...straceArgs(request.logFile, recorder.tracer.seccomp), request.make, ...request.makeArgs],
          // An empty value in make's own environment: only recipes get a target name.
          env: { [TARGET_ENV]: '' },
        });
  if (result.outcome !== 'exited') return { result };
  const size = (await stat(request.logFile).catch(() => undefined))?.size;
  if (size === undefined) return { result, problem: `the ${recorderName(recorder)} wrote no log` };
  if (size > request.maxLogBytes)
    return { result, problem: `the trace log is ${Math.round(size / 1048576)} MB, over the limit` };
  const roots = [...new Set([request.cwd, await realpath(request.cwd)])];
  const coverage = recorder.kind === 'preload' ? new UnrecordedPrograms() : undefined;
  const access = await parseLog(request.logFile, roots, coverage);
  if (!coverage) return { result, access };
  // make never reported itself (a wrapper script named make, a static make): nothing was recorded.
  const unrecorded = access.processes === 0 ? [request.make] : coverage.finish();
  return { result, access, unrecorded };
}
