// `makescope parallel-diff`: its options, the probe run, the report, and the exit code (0 clean, 1 finding, 2 error).
import * as path from 'node:path';
import {
  DEFAULT_MAX_SANDBOX_BYTES,
  parallelDiffProbe,
  type ShuffleMode,
} from '../../server/src/parallel/parallelDiffProbe';
import { ProbeError } from '../../server/src/probes/probeOptions';
import type { Output } from './cli';
import { parallelDiffReport } from './reports/parallelDiffReport';
import { createStyle } from './reports/style';

export const PARALLEL_DIFF_HELP = `Usage: makescope parallel-diff [TARGET...] [options]

Builds the project serially (-j1) and in parallel (-jN) and, with GNU make 4.4 or newer, with
--shuffle=reverse and random seeds (each seed reported), every build in its own sandbox copy.
Compares exit codes, first errors, the files created, changed and deleted (content hashes) and
per-target logs (--output-sync=target). Then traces a serial build with strace to find every
file one recipe reads while another target writes it with no declared prerequisite between them,
and two targets writing one path, with the rule's file:line and the line that fixes it.
The workspace is never changed.

Options:
  -C, --directory DIR      The project (default: the current directory).
  -f, --file FILE          The makefile.
      --make PATH          The make program (default: make); --shuffle needs GNU make 4.4.
  -j, --jobs N             Jobs of the parallel builds (default: the number of CPUs, at least 2).
      --runs K             Random shuffle seeds (repeated -jN builds with make < 4.4); default 2.
      --shuffle MODE       random: only random seeds; reverse: only --shuffle=reverse;
                           SEED (a number): only that seed, to reproduce a failure.
      --no-trace           Compare runs only (no strace).
      --max-sandbox-mb N   Refuse projects bigger than N MB (default ${DEFAULT_MAX_SANDBOX_BYTES / 1048576}).
      --timeout SECONDS    Stop a build after SECONDS (default 120).
      --json               Print the result as JSON.

Exit codes: 0 clean, 1 a difference or a race finding, 2 an error (or the serial build fails).
`;

export interface ParallelDiffArgs {
  directory: string;
  makefile?: string;
  make?: string;
  jobs?: number;
  runs?: number;
  shuffle?: ShuffleMode;
  trace: boolean;
  maxSandboxBytes?: number;
  timeoutMs?: number;
  json: boolean;
  help: boolean;
  targets: string[];
}

export class ParallelDiffUsageError extends Error {}

const VALUE_OPTIONS = new Set([
  '-C',
  '--directory',
  '-f',
  '--file',
  '--make',
  '-j',
  '--jobs',
  '--runs',
  '--shuffle',
  '--max-sandbox-mb',
  '--timeout',
]);

function whole(option: string, text: string, minimum = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum)
    throw new ParallelDiffUsageError(`${option} needs a whole number of at least ${minimum}, got '${text}'`);
  return value;
}

export function parseParallelDiffArgs(argv: readonly string[]): ParallelDiffArgs {
  const args: ParallelDiffArgs = { directory: '.', trace: true, json: false, help: false, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.targets.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.targets.push(arg);
      continue;
    }
    let option = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [option, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    else if (/^-[Cfj]./.test(arg)) [option, value] = [arg.slice(0, 2), arg.slice(2)];
    if (VALUE_OPTIONS.has(option) && value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new ParallelDiffUsageError(`${option} needs a value`);
    }
    const text = value as string;
    switch (option) {
      case '-C':
      case '--directory':
        args.directory = text;
        break;
      case '-f':
      case '--file':
        args.makefile = text;
        break;
      case '--make':
        args.make = text;
        break;
      case '-j':
      case '--jobs':
        args.jobs = whole(option, text, 2);
        break;
      case '--runs':
        args.runs = whole(option, text, 0);
        break;
      case '--shuffle':
        if (text === 'random' || text === 'reverse') args.shuffle = text;
        else args.shuffle = { seed: whole(option, text, 0) };
        break;
      case '--no-trace':
        args.trace = false;
        break;
      case '--max-sandbox-mb':
        args.maxSandboxBytes = whole(option, text) * 1048576;
        break;
      case '--timeout':
        args.timeoutMs = whole(option, text) * 1000;
        break;
      case '--json':
        args.json = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        throw new ParallelDiffUsageError(
          `unknown option '${arg}' (put targets that start with '-' after '--')`,
        );
    }
  }
  return args;
}

/** Runs `makescope parallel-diff ARGS` (argv without the command name). */
export async function runParallelDiffCommand(
  argv: readonly string[],
  stdout: Output,
  stderr: Output,
  signal?: AbortSignal,
): Promise<number> {
  try {
    const args = parseParallelDiffArgs(argv);
    if (args.help) {
      stdout.write(PARALLEL_DIFF_HELP);
      return 0;
    }
    const result = await parallelDiffProbe({
      directory: path.resolve(args.directory),
      makefile: args.makefile,
      make: args.make,
      jobs: args.jobs,
      runs: args.runs,
      shuffle: args.shuffle,
      trace: args.trace,
      maxSandboxBytes: args.maxSandboxBytes,
      timeoutMs: args.timeoutMs,
      targets: args.targets,
      signal,
      onProgress: stderr.isTTY ? (message) => stderr.write(`\r\u001b[K${message}`) : undefined,
    });
    if (stderr.isTTY) stderr.write('\r\u001b[K');
    stdout.write(
      args.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : parallelDiffReport(result, process.cwd(), createStyle(stdout.isTTY)),
    );
    if (result.verdict === 'serial-build-failed') return 2;
    return result.verdict === 'clean' ? 0 : 1;
  } catch (error) {
    if (error instanceof ParallelDiffUsageError || error instanceof ProbeError) {
      stderr.write(`makescope parallel-diff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
