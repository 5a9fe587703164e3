// Runs `SHELL FLAGS -n -c SCRIPT` for many scripts through one driver shell per chunk: one process started
// from Node per ~200 scripts instead of one per script (spawning ran on the server's main thread).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { runProcess } from '../../probes/exec';
import { findOnPath } from '../../probes/findOnPath';

/** What the shell said about one script: its exit status and its stderr, as runProcess would have captured. */
export interface ShellVerdict {
  status: number;
  stderr: string;
}

export interface ShellBatchOptions {
  cwd: string;
  signal?: AbortSignal;
  /** The time one script would have had on its own; a chunk gets it plus a share per script. */
  timeoutMs: number;
  /** Cap on one script's output (a verdict over it is dropped, as a truncated run was). */
  maxOutputBytes: number;
}

/** At most this many scripts a driver; fewer so that two drivers share the work (two cores or more). */
const CHUNK_SCRIPTS = 200;
const MIN_CHUNK_SCRIPTS = 50;
/** Script bytes per driver: far under ARG_MAX (2 MiB with the environment) on Linux. */
const CHUNK_BYTES = 256 * 1024;
/** MAX_ARG_STRLEN (32 pages) counts the terminating NUL: a longer argument cannot be passed at all. */
export const MAX_SCRIPT_BYTES = 128 * 1024 - 1;
const PER_SCRIPT_MS = 50;
const CHUNK_OUTPUT_CAP = 8 * 1024 * 1024;
const PARALLEL_CHUNKS = 4;

/**
 * argv: SHELL NFLAGS FLAG... SCRIPT.... eval only ever sees `"$shell"` and positional references such as
 * `"${3}"`, built from counters; the shell, flags and scripts are never part of a text that is parsed. Each
 * script's record: the shell's stderr as it wrote it (it holds no NUL: it comes from argv strings and the
 * shell's own messages), NUL, `INDEX STATUS`, NUL. The shell runs with the same argv[0], cwd, environment and
 * stdin (/dev/null) as a direct spawn, so its messages are the same bytes.
 */
const DRIVER = [
  'shell=$1 n=$2',
  'shift 2',
  'flags= k=1',
  'while [ "$k" -le "$n" ]; do flags="$flags \\"\\${$k}\\""; k=$((k + 1)); done',
  'i=0 k=$((n + 1))',
  'while [ "$k" -le "$#" ]; do',
  '  eval "\\"\\$shell\\"$flags -n -c \\"\\${$k}\\"" 2>&1 >/dev/null',
  '  status=$?',
  '  printf \'\\000%s %s\\000\' "$i" "$status"',
  '  i=$((i + 1)) k=$((k + 1))',
  'done',
].join('\n');

/** Whether a direct spawn of `shell` would start (it fails for a missing or non-executable file). */
async function startable(shell: string, cwd: string): Promise<boolean> {
  if (!shell.includes('/')) return (await findOnPath(shell)) !== undefined;
  const file = path.resolve(cwd, shell);
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Index ranges of `scripts` for one driver each: bounded by count and by bytes. */
function chunksOf(sizes: readonly number[]): Array<[number, number]> {
  const most = Math.min(CHUNK_SCRIPTS, Math.max(MIN_CHUNK_SCRIPTS, Math.ceil(sizes.length / 2)));
  const chunks: Array<[number, number]> = [];
  let start = 0;
  let bytes = 0;
  sizes.forEach((size, i) => {
    if (i > start && (i - start >= most || bytes + size > CHUNK_BYTES)) {
      chunks.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size + 1;
  });
  if (start < sizes.length) chunks.push([start, sizes.length]);
  return chunks;
}

/** The records of a driver's output; a record cut off by a timeout or the cap is left out. */
export function parseDriverOutput(
  stdout: string,
  count: number,
  maxOutputBytes: number,
): Map<number, ShellVerdict> {
  const verdicts = new Map<number, ShellVerdict>();
  const parts = stdout.split('\0');
  // The last part follows the last NUL: an unfinished record or nothing.
  for (let j = 0; j + 1 < parts.length - 1; j += 2) {
    const header = /^(\d+) (\d+)$/.exec(parts[j + 1]!);
    if (!header) break;
    const index = Number(header[1]);
    const stderr = parts[j]!;
    if (index >= count || Buffer.byteLength(stderr) > maxOutputBytes) continue;
    verdicts.set(index, { status: Number(header[2]), stderr });
  }
  return verdicts;
}

async function runChunk(
  shell: string,
  flags: readonly string[],
  scripts: readonly string[],
  options: ShellBatchOptions,
): Promise<Map<number, ShellVerdict>> {
  const result = await runProcess({
    file: '/bin/sh',
    args: ['-c', DRIVER, 'makescope-shell-check', shell, String(flags.length), ...flags, ...scripts],
    cwd: options.cwd,
    timeoutMs: options.timeoutMs + PER_SCRIPT_MS * scripts.length,
    maxOutputBytes: Math.min(CHUNK_OUTPUT_CAP, (options.maxOutputBytes + 32) * scripts.length),
    signal: options.signal,
  });
  if (result.outcome === 'cancelled' || result.outcome === 'spawn-error') return new Map();
  return parseDriverOutput(result.stdout, scripts.length, options.maxOutputBytes);
}

/**
 * The verdict on each script, by position; undefined where a direct spawn would have failed (no such shell, a
 * script with a NUL or over MAX_SCRIPT_BYTES) or the driver did not get to it (cancelled, timed out, capped).
 */
export async function checkScripts(
  shell: string,
  flags: readonly string[],
  scripts: readonly string[],
  options: ShellBatchOptions,
): Promise<Array<ShellVerdict | undefined>> {
  const verdicts: Array<ShellVerdict | undefined> = scripts.map(() => undefined);
  if (scripts.length === 0 || !(await startable(shell, options.cwd))) return verdicts;
  const runnable: number[] = [];
  scripts.forEach((script, i) => {
    if (!script.includes('\0') && Buffer.byteLength(script) <= MAX_SCRIPT_BYTES) runnable.push(i);
  });
  const chunks = chunksOf(runnable.map((i) => Buffer.byteLength(scripts[i]!)));
  for (let c = 0; c < chunks.length; c += PARALLEL_CHUNKS) {
    const wave = chunks.slice(c, c + PARALLEL_CHUNKS);
    const results = await Promise.all(
      wave.map(([start, end]) => {
        const texts = runnable.slice(start, end).map((i) => scripts[i]!);
        return runChunk(shell, flags, texts, options);
      }),
    );
    wave.forEach(([start], w) => {
      for (const [k, verdict] of results[w]!) verdicts[runnable[start + k]!] = verdict;
    });
    if (options.signal?.aborted) break;
  }
  return verdicts;
}
