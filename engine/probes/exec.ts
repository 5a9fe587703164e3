// The only place that starts processes: argument arrays, clean env, timeout, output cap, group kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { monotonicMs } from './monotonicMs';

export interface ExecRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  /** Extra environment entries (on top of the cleaned environment). */
  env?: Readonly<Record<string, string>>;
  /** Value for MAKEFLAGS; when undefined MAKEFLAGS, MFLAGS and GNUMAKEFLAGS are removed. */
  makeFlags?: string;
  timeoutMs: number;
  /** Cap on stdout + stderr together; the process group is killed when it is exceeded. */
  maxOutputBytes: number;
  signal?: AbortSignal;
  /** When set, stdout is streamed here in chunks and not kept in the result. */
  onStdout?: (chunk: string) => void;
  onSpawn?: (pid: number) => void;
}

export type ExecOutcome = 'exited' | 'timeout' | 'cancelled' | 'truncated' | 'spawn-error';

export interface ExecResult {
  outcome: ExecOutcome;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Human-readable reason when the outcome is not 'exited'. */
  message?: string;
  /** The errno code of a spawn failure (ENOENT, EACCES). */
  errorCode?: string;
  /** The signal that ended the process when nothing here sent it (exitCode is then null). */
  signal?: string;
}

const GRACE_MS = 300;
const REMOVED_ENV = [
  'MAKEFLAGS',
  'MFLAGS',
  'GNUMAKEFLAGS',
  'MAKELEVEL',
  'MAKEFILES',
  'MAKE_TERMOUT',
  'MAKE_TERMERR',
];

export function probeEnvironment(
  extra: Readonly<Record<string, string>> = {},
  makeFlags?: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !REMOVED_ENV.includes(key)) env[key] = value;
  }
  if (makeFlags !== undefined) env.MAKEFLAGS = makeFlags;
  Object.assign(env, extra);
  env.LC_ALL = 'C';
  return env;
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * make runs in its own process group, so a server that dies (SIGKILL, a crash, an exit with a probe
 * running) would leave it and its recipes running, and its scratch folders behind. One guard shell
 * per process waits on a pipe only this process holds and is told each group as it starts (`+ pgid`)
 * and ends (`- pgid`), and each scratch folder as it is made (`D path`) and removed (`d path`); when
 * the pipe closes, it kills the groups still listed, then removes the folders. One shell for every
 * run, not one per run: a fork and exec less each time make starts.
 */
const GUARD_SCRIPT = [
  'groups=',
  'folders=',
  "nl='",
  "'",
  'while IFS= read -r line; do',
  '  op=${line%% *}; arg=${line#* }',
  '  case $op in',
  '    +) groups="$groups $arg" ;;',
  '    -) kept=; for g in $groups; do [ "$g" = "$arg" ] || kept="$kept $g"; done; groups=$kept ;;',
  '    D) folders="$folders$arg$nl" ;;',
  '    d) kept=; rest=$folders',
  '       while [ -n "$rest" ]; do f=${rest%%"$nl"*}; rest=${rest#*"$nl"}; [ "$f" = "$arg" ] || kept="$kept$f$nl"; done',
  '       folders=$kept ;;',
  '  esac',
  'done',
  'for g in $groups; do kill -9 -"$g" 2>/dev/null; done',
  'rest=$folders',
  'while [ -n "$rest" ]; do',
  '  f=${rest%%"$nl"*}; rest=${rest#*"$nl"}',
  // overlayfs leaves its work folder without permissions; chmod lets a non-root owner remove it.
  '  chmod -R u+rwx -- "$f" 2>/dev/null; rm -rf -- "$f"',
  'done',
].join('\n');

let guard: ChildProcess | undefined;

function orphanGuard(): ChildProcess | undefined {
  if (guard?.stdin?.writable) return guard;
  try {
    const started = spawn('/bin/sh', ['-c', GUARD_SCRIPT, 'makescope-guard'], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true,
    });
    started.on('error', () => undefined);
    started.on('exit', () => {
      if (guard === started) guard = undefined;
    });
    started.stdin?.on('error', () => undefined);
    // Neither the guard nor its pipe keeps this process alive; the pipe closes when it exits.
    started.unref();
    (started.stdin as { unref?: () => void } | null)?.unref?.();
    guard = started;
    return started;
  } catch {
    return undefined;
  }
}

function tellGuard(line: string, start: boolean): void {
  const current = start ? orphanGuard() : guard;
  if (current?.stdin?.writable) current.stdin.write(`${line}\n`);
}

function guardGroup(pgid: number, watch: boolean): void {
  tellGuard(`${watch ? '+' : '-'} ${pgid}`, watch);
}

/** The folder is removed by the guard if this process dies before it does (a name without a newline). */
export function guardScratchFolder(folder: string, watch: boolean): void {
  if (!folder.includes('\n')) tellGuard(`${watch ? 'D' : 'd'} ${folder}`, watch);
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: NodeJS.ErrnoException;
}

export async function runProcess(request: ExecRequest): Promise<ExecResult> {
  const started = monotonicMs();
  if (request.signal?.aborted) {
    return {
      outcome: 'cancelled',
      exitCode: null,
      stdout: '',
      stderr: '',
      durationMs: 0,
      message: 'cancelled',
    };
  }
  let child: ChildProcess;
  try {
    child = spawn(request.file, [...request.args], {
      cwd: request.cwd,
      env: probeEnvironment(request.env, request.makeFlags),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so cancellation reaches make and every recipe it started.
      detached: true,
    });
  } catch (error) {
    // An argument Node refuses before starting anything (a NUL byte).
    return spawnError(request, '', '', monotonicMs() - started, error as NodeJS.ErrnoException);
  }
  // Node's child_process directly (not a process library): loading one cost the CLI ~50 ms of CPU per run.
  // 'close' comes after the exit and the end of both pipes; 'error' alone is a failed spawn (ENOENT, EACCES).
  const finished = new Promise<Finished>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const pid = child.pid;
  if (pid !== undefined) guardGroup(pid, true);
  let outcome: ExecOutcome = 'exited';
  let message: string | undefined;
  let stdout = '';
  let stderr = '';
  let bytes = 0;
  let forceTimer: NodeJS.Timeout | undefined;

  const stop = (why: ExecOutcome, text: string): void => {
    if (outcome !== 'exited' || pid === undefined) return;
    outcome = why;
    message = text;
    signalGroup(pid, 'SIGTERM');
    forceTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), GRACE_MS);
  };
  const count = (chunk: Buffer): boolean => {
    bytes += chunk.length;
    if (bytes <= request.maxOutputBytes) return true;
    const mb = request.maxOutputBytes / (1024 * 1024);
    stop('truncated', `output truncated at ${Number.isInteger(mb) ? mb : mb.toFixed(2)} MB`);
    return false;
  };
  // Bytes are counted as they come; text is decoded across chunk boundaries (a split UTF-8 sequence).
  const outDecoder = new StringDecoder('utf8');
  const errDecoder = new StringDecoder('utf8');
  const takeStdout = (text: string): void => {
    if (text === '') return;
    if (request.onStdout) request.onStdout(text);
    else stdout += text;
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    if (outcome === 'exited' && count(chunk)) takeStdout(outDecoder.write(chunk));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (outcome === 'exited' && count(chunk)) stderr += errDecoder.write(chunk);
  });
  const onAbort = (): void => stop('cancelled', 'cancelled');
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () => stop('timeout', `timed out after ${request.timeoutMs} ms`),
    request.timeoutMs,
  );
  if (pid !== undefined) request.onSpawn?.(pid);

  const result = await finished;
  clearTimeout(timer);
  if (forceTimer) clearTimeout(forceTimer);
  request.signal?.removeEventListener('abort', onAbort);
  if (outcome === 'exited') {
    takeStdout(outDecoder.end());
    stderr += errDecoder.end();
  }
  // Whatever make left behind in its group (background jobs of a recipe) goes too.
  if (pid !== undefined) {
    signalGroup(pid, 'SIGKILL');
    guardGroup(pid, false);
  }
  const durationMs = monotonicMs() - started;

  if (pid === undefined || result.error) return spawnError(request, stdout, stderr, durationMs, result.error);
  // Killed by someone else (the OOM killer, a recipe's `kill`): it ran, so this is no spawn failure.
  if (outcome === 'exited' && result.signal !== null) {
    return {
      outcome,
      exitCode: null,
      stdout,
      stderr,
      durationMs,
      signal: result.signal,
      message: `killed by signal ${result.signal}`,
    };
  }
  return { outcome, exitCode: result.code, stdout, stderr, durationMs, message };
}

function spawnError(
  request: ExecRequest,
  stdout: string,
  stderr: string,
  durationMs: number,
  error: NodeJS.ErrnoException | undefined,
): ExecResult {
  const errorCode = error?.code;
  return {
    outcome: 'spawn-error',
    exitCode: null,
    stdout,
    stderr,
    durationMs,
    errorCode,
    message:
      errorCode === 'ENOENT'
        ? `${request.file}: not found`
        : `${request.file} could not be started: ${error?.message ?? 'unknown error'}`,
  };
}
