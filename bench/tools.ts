// Runs the external tools the bench needs (cmake, configure, node-gyp, npm, make) with argument arrays.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ToolResult {
  ok: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdoutFile?: string } = {},
): ToolResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, LC_ALL: 'C', MAKEFLAGS: '', MFLAGS: '', ...options.env },
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = result.stdout ?? '';
  if (options.stdoutFile) writeFileSync(options.stdoutFile, stdout);
  const stderr = (result.stderr ?? '') + (result.error ? String(result.error) : '');
  return { ok: result.status === 0, status: result.status, stdout, stderr };
}

export function hasTool(command: string, args: readonly string[] = ['--version']): boolean {
  return run(command, args, { timeoutMs: 20_000 }).status === 0;
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** Runs `build` once per cache key: a directory with a matching stamp file is reused as it is. */
export function cached(dir: string, key: string, build: () => void): void {
  const stamp = path.join(dir, '.bench-stamp');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return;
  mkdirSync(dir, { recursive: true });
  build();
  writeFileSync(stamp, key);
}

/** A failed tool step, with the tail of its output, as one line for the report. */
export function failure(step: string, result: ToolResult): Error {
  const tail = (result.stderr || result.stdout).trim().split('\n').slice(-2).join(' | ');
  return new Error(`${step} failed (exit ${result.status}): ${tail.slice(0, 200)}`);
}

/**
 * Runs a bench worker in a fresh Node process (`nodeArgs` first: Node options, `--import tsx` for a
 * TypeScript worker) and returns the JSON it printed on stdout.
 */
export function runWorker<T>(
  name: string,
  nodeArgs: readonly string[],
  script: string,
  args: readonly string[],
  timeoutMs: number,
): T {
  const result = spawnSync(process.execPath, [...nodeArgs, script, ...args], {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${name} worker failed: ${(result.stderr || String(result.error)).trim().split('\n').pop()}`,
    );
  return JSON.parse(result.stdout) as T;
}
