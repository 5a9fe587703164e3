// `makescope evidence` and `makescope runbook`: the evidence ladder and the project runbook from the command line.
import { writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectEvidenceToFolder } from '../../engine/evidence/evidenceFolder';
import { generateRunbook } from '../../engine/evidence/runbook';
import { ProbeError } from '../../engine/probes/probeOptions';
import type { Output } from './cli';
import { readCommandLine, unknownOption, UsageError, wholeNumber } from './options';

export const EVIDENCE_HELP = `Usage: makescope evidence [TARGET...] [options]

Climbs the evidence ladder in order, each step only gathering: (1) the symptom: target, -j level,
make version, and the environment and command-line variables that reach the target; (2) intended
work (make -n); (3) causality (make -n --trace); (4) resolved state (make -p, saved as
database.txt); (5) convergence (an isolated build, then make -q); (6) parse time against
recipe time; (7) serial against parallel (isolated builds); (8) the escalation assessment.
Every command, its exit code, time and full output are recorded. The report ends with a verdict:
healthy, a local fix (with the Makefile line to start at) or escalate (with what to hand over).
The project is never changed.

Options:
  -C, --directory DIR      The project (default: the current directory).
  -f, --file FILE          The makefile.
      --make PATH          The make program (default: make).
  -j, --jobs N             The -j level of the incident (default 1).
      --symptom TEXT       What was seen, in a few words (kept in the report).
      --out DIR            Where to write the outputs and report.{md,json,sarif}
                           (default: a new folder under ${os.tmpdir()}).
      --format FORMAT      What to print: md (default), json or sarif.
      --runs K             Random shuffle seeds for step 7 (default 2).
      --no-build           Skip the isolated builds (steps 5 to 7 gather less).
      --timeout SECONDS    Stop any make after SECONDS (default 120).
      --var NAME=VALUE     Set a make variable on make's command line (repeatable; one argument,
                           never through a shell), as in 'make NAME=VALUE'.

Exit codes: 0 healthy, 1 a local fix or an escalation, 2 an error.

Usage: makescope runbook [-C DIR] [-f FILE] [--var NAME=VALUE...] [--out FILE]

Writes a RUNBOOK.md for the project from make's own database: the stable targets, the question
to command table with this project's commands, the convergence and serial/parallel checks, where
the resolved-state dump goes, the escalation triggers and what not to do first. Printed to
standard output unless --out names a file.
`;

interface EvidenceArgs {
  directory: string;
  makefile?: string;
  make?: string;
  jobs?: number;
  symptom?: string;
  out?: string;
  format: 'md' | 'json' | 'sarif';
  runs?: number;
  build: boolean;
  timeoutMs?: number;
  variables?: Record<string, string>;
  targets: string[];
}

const OWN_WITH_VALUE = ['-j', '--jobs', '--symptom', '--out', '--format', '--runs'];

export function parseEvidenceArgs(argv: readonly string[]): EvidenceArgs {
  const args: EvidenceArgs = { directory: '.', format: 'md', build: true, targets: [] };
  readCommandLine(argv, args, {
    withValue: OWN_WITH_VALUE,
    positional: args.targets,
    apply: (name, value) => applyOption(args, name, value),
  });
  for (const target of args.targets) {
    if (target.includes('='))
      throw new UsageError(
        `'${target}' contains '=', which make would read as a variable assignment; refused (to set a variable, use --var ${target})`,
      );
  }
  return args;
}

function applyOption(args: EvidenceArgs, name: string, value: string | undefined): void {
  const text = value as string;
  switch (name) {
    case '-j':
    case '--jobs':
      args.jobs = wholeNumber(name, text);
      break;
    case '--symptom':
      args.symptom = text;
      break;
    case '--out':
      args.out = text;
      break;
    case '--runs':
      args.runs = wholeNumber(name, text);
      break;
    case '--format':
      if (text !== 'md' && text !== 'json' && text !== 'sarif')
        throw new UsageError(`--format takes md, json or sarif, got '${text}'`);
      args.format = text;
      break;
    case '--no-build':
      args.build = false;
      break;
    default:
      throw unknownOption(name);
  }
}

export function runEvidenceCommand(
  argv: string[],
  stdout: Output,
  stderr: Output,
  signal?: AbortSignal,
): Promise<number> {
  return withParsedArgs(argv, stdout, stderr, async (args) => {
    const folder = await collectEvidenceToFolder({
      directory: path.resolve(args.directory),
      makefile: args.makefile,
      make: args.make,
      jobs: args.jobs,
      targets: args.targets,
      symptom: args.symptom,
      outputDirectory: args.out,
      runs: args.runs,
      skipBuilds: !args.build,
      timeoutMs: args.timeoutMs,
      commandLineVariables: args.variables,
      signal,
      onProgress: (message) => void stderr.write(`makescope: ${message}\n`),
    });
    const printed = { json: `${folder.json}\n`, sarif: `${folder.sarif}\n`, md: folder.markdown };
    stdout.write(printed[args.format]);
    stderr.write(`makescope: evidence written to ${folder.outputDirectory}\n`);
    return folder.report.verdict.kind === 'healthy' ? 0 : 1;
  });
}

export function runRunbookCommand(
  argv: string[],
  stdout: Output,
  stderr: Output,
  signal?: AbortSignal,
): Promise<number> {
  return withParsedArgs(argv, stdout, stderr, async (args) => {
    const runbook = await generateRunbook({
      directory: path.resolve(args.directory),
      makefile: args.makefile,
      make: args.make,
      commandLineVariables: args.variables,
      timeoutMs: args.timeoutMs,
      signal,
    });
    if (!args.out) {
      stdout.write(runbook);
      return 0;
    }
    await writeFile(path.resolve(args.out), runbook);
    stderr.write(`makescope: runbook written to ${path.resolve(args.out)}\n`);
    return 0;
  });
}

/** --help, argument errors and probe errors (exit 2) the same way for both commands. */
async function withParsedArgs(
  argv: string[],
  stdout: Output,
  stderr: Output,
  work: (args: EvidenceArgs) => Promise<number>,
): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    stdout.write(EVIDENCE_HELP);
    return 0;
  }
  try {
    return await work(parseEvidenceArgs(argv));
  } catch (error) {
    if (error instanceof UsageError || error instanceof ProbeError) {
      stderr.write(`makescope: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
