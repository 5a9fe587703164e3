// Runs the built CLI (dist/cli.js) as a user would: an argument array, a private TMPDIR, a timeout; and finds scratch paths in what it printed.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

/** Per make run inside the CLI; generous because a probe builds several times on 2 busy cores. */
export const MAKE_TIMEOUT_SECONDS = 600;
/** The whole CLI command; only a hang reaches it. */
const CLI_TIMEOUT_MS = 20 * 60_000;

export interface CliRun {
  args: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ARGS` in cwd with TMPDIR set to tmp (so every scratch folder the CLI makes is visible). */
export function runCli(args: string[], options: { cwd: string; tmp: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { ...process.env, TMPDIR: options.tmp, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CLI_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) =>
      resolve({
        args,
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      }),
    );
  });
}

/** One line for a failure message: the command, its exit and the end of its stderr. */
export function describeRun(run: CliRun): string {
  const tail = run.stderr.trim().split('\n').slice(-5).join('\n    ');
  return `makescope ${run.args.join(' ')} -> exit ${run.exitCode ?? run.signal}${tail ? `\n    ${tail}` : ''}`;
}

const SCRATCH_NAMES = /makescope-(?:sandbox|iso|files|check|parallel|resolve|strace|evidence)[\w.-]*/g;

/**
 * Scratch paths in text: the private TMPDIR and the product's scratch folder names. Each hit is
 * returned with its context.
 */
export function scratchPaths(text: string, tmp: string): string[] {
  const hits: string[] = [];
  // Every scratch folder the CLI makes is in its private TMPDIR (or, where that lies in the project,
  // in /var/tmp or /dev/shm) and has one of the product's names. Other /tmp paths are the user's:
  // a clone under /tmp has its projects there, and npm puts /tmp/node_modules/.bin on PATH.
  const patterns = [new RegExp(tmp.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), SCRATCH_NAMES];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const start = Math.max(0, match.index - 60);
      hits.push(
        `'${match[0]}' in "...${text.slice(start, match.index + match[0].length + 20).replace(/\s+/g, ' ')}..."`,
      );
    }
  }
  return [...new Set(hits)];
}
