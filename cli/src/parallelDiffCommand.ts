// `makescope parallel-diff`: its options, the probe run, the report, and the exit code (0 clean, 1 finding, 2 error).
import * as path from 'node:path';
import {
  DEFAULT_MAX_SANDBOX_BYTES,
  parallelDiffProbe,
  type ShuffleMode,
} from '../../engine/parallel/parallelDiffProbe';
import { ProbeError } from '../../engine/probes/probeOptions';
import type { Output } from './cli';
import { readCommandLine, unknownOption, UsageError, wholeNumber } from './options';
import { parallelDiffReport } from './reports/parallelDiffReport';
import { createStyle } from './reports/style';

export const PARALLEL_DIFF_HELP = `Usage: makescope parallel-diff [TARGET...] [options]

Builds the project serially (-j1) and in parallel (-jN) and, with GNU make 4.4 or newer, with
--shuffle=reverse and random seeds (each seed reported), every build isolated on its own.
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
      --max-sandbox-mb N   Where builds need copies (no isolation), refuse
                           projects bigger than N MB (default ${DEFAULT_MAX_SANDBOX_BYTES / 1048576}).
      --timeout SECONDS    Stop a build after SECONDS (default 120).
      --var NAME=VALUE     Set a make variable on make's command line (repeatable; one argument,
                           never through a shell), as in 'make NAME=VALUE'.
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
  variables?: Record<string, string>;
  json: boolean;
  help: boolean;
  targets: string[];
}

const OWN_WITH_VALUE = ['-j', '--jobs', '--runs', '--shuffle', '--max-sandbox-mb'];

export function parseParallelDiffArgs(argv: readonly string[]): ParallelDiffArgs {
  const args: ParallelDiffArgs = { directory: '.', trace: true, json: false, help: false, targets: [] };
  readCommandLine(argv, args, {
    withValue: OWN_WITH_VALUE,
    positional: args.targets,
    apply: (name, value) => applyOption(args, name, value),
  });
  return args;
}

function applyOption(args: ParallelDiffArgs, name: string, value: string | undefined): void {
  const text = value as string;
  switch (name) {
    case '-j':
    case '--jobs':
      args.jobs = wholeNumber(name, text, 2);
      break;
    case '--runs':
      args.runs = wholeNumber(name, text, 0);
      break;
    case '--shuffle':
      if (text === 'random' || text === 'reverse') args.shuffle = text;
      else args.shuffle = { seed: wholeNumber(name, text, 0) };
      break;
    case '--no-trace':
      args.trace = false;
      break;
    case '--max-sandbox-mb':
      args.maxSandboxBytes = wholeNumber(name, text) * 1048576;
      break;
    case '--json':
      args.json = true;
      break;
    case '-h':
    case '--help':
      args.help = true;
      break;
    default:
      throw unknownOption(name);
  }
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
      commandLineVariables: args.variables,
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
    if (error instanceof UsageError || error instanceof ProbeError) {
      stderr.write(`makescope parallel-diff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
