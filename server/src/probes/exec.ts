// The only place that starts processes: argument arrays, clean env, timeout, output cap, group kill.
import { spawn, type ChildProcess } from 'node:child_process';
// execa is ESM-only; a dynamic import keeps it loadable from the CommonJS bundles and from tsx.
let execaModule: Promise<typeof import('execa')> | undefined;
function loadExeca(): Promise<typeof import('execa')> {
  execaModule ??= import('execa');
  return execaModule;
}

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
 * running) would leave it and its recipes running. A tiny guard shell waits on a pipe only this
 * process holds; when the pipe closes without the guard being stopped first, it kills the group.
 */
function startOrphanGuard(pgid: number): ChildProcess | undefined {
  try {
    const guard = spawn(
      '/bin/sh',
      ['-c', 'read _line; kill -9 -"$1" 2>/dev/null', 'makescope-guard', String(pgid)],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
      },
    );
    guard.on('error', () => undefined);
    guard.stdin?.on('error', () => undefined);
    guard.unref();
    return guard;
  } catch {
    return undefined;
  }
}

export async function runProcess(request: ExecRequest): Promise<ExecResult> {
  const started = performance.now();
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
  const { execa } = await loadExeca();
  const child = execa(request.file, [...request.args], {
    cwd: request.cwd,
    env: probeEnvironment(request.env, request.makeFlags),
    extendEnv: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    // Its own process group, so cancellation reaches make and every recipe it started.
    detached: true,
    cleanup: false,
    encoding: 'utf8',
  });
  const pid = child.pid;
  const guard = pid === undefined ? undefined : startOrphanGuard(pid);
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
  const count = (chunk: string): boolean => {
    bytes += Buffer.byteLength(chunk);
    if (bytes <= request.maxOutputBytes) return true;
    const mb = request.maxOutputBytes / (1024 * 1024);
    stop('truncated', `output truncated at ${Number.isInteger(mb) ? mb : mb.toFixed(2)} MB`);
    return false;
  };
  child.stdout?.on('data', (chunk: string) => {
    if (outcome !== 'exited' || !count(chunk)) return;
    if (request.onStdout) request.onStdout(chunk);
    else stdout += chunk;
  });
  child.stderr?.on('data', (chunk: string) => {
    if (outcome === 'exited' && count(chunk)) stderr += chunk;
  });
  const onAbort = (): void => stop('cancelled', 'cancelled');
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () => stop('timeout', `timed out after ${request.timeoutMs} ms`),
    request.timeoutMs,
  );
  if (pid !== undefined) request.onSpawn?.(pid);

  const result = await child;
  clearTimeout(timer);
  if (forceTimer) clearTimeout(forceTimer);
  request.signal?.removeEventListener('abort', onAbort);
  // Whatever make left behind in its group (background jobs of a recipe) goes too.
  if (pid !== undefined) signalGroup(pid, 'SIGKILL');
  guard?.kill('SIGKILL');
  const durationMs = performance.now() - started;

  // Killed by someone else (the OOM killer, a recipe's `kill`): it ran, so this is no spawn failure.
  const signal = (result as { signal?: string }).signal;
  if (pid !== undefined && outcome === 'exited' && signal !== undefined) {
    return {
      outcome,
      exitCode: null,
      stdout,
      stderr,
      durationMs,
      signal,
      message: `killed by signal ${signal}`,
    };
  }
  if (pid === undefined || (result.failed && result.exitCode === undefined && outcome === 'exited')) {
    const errorCode = (result as { code?: string }).code;
    return {
      outcome: 'spawn-error',
      exitCode: null,
      stdout,
      stderr,
      durationMs,
      errorCode,
      message: errorCode === 'ENOENT' ? `${request.file}: not found` : result.shortMessage,
    };
  }
  return { outcome, exitCode: result.exitCode ?? null, stdout, stderr, durationMs, message };
}
