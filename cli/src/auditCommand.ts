// `makescope audit`: declared against observed dependencies; its options, the probe, the report, the exit code.
import * as path from 'node:path';
import { auditProbe } from '../../engine/audit/auditProbe';
import { auditSarif } from '../../engine/audit/auditSarif';
import { ProbeError } from '../../engine/probes/probeOptions';
import type { Output } from './cli';
import { readCommandLine, unknownOption, UsageError, wholeNumber } from './options';
import { auditReport } from './reports/auditReport';
import { createStyle } from './reports/style';

export const AUDIT_HELP = `Usage: makescope audit [TARGET...] [options]

Runs one isolated serial build under strace and compares what every recipe read and wrote with
make's own database (make -p). Reports, per target, with the rule's file:line and the edit that
fixes it: missing prerequisites (a file another target writes, read with no declared path
between them; order-only where only a directory's existence matters), declared prerequisites
never read (the makefile, FORCE, phony targets and stamps are deliberate triggers), side outputs
(written but not a target; -MMD .d files named as such), targets their recipe never writes, and
two targets writing one file. The workspace is never changed.

Options:
  -C, --directory DIR      The project (default: the current directory).
  -f, --file FILE          The makefile.
      --make PATH          The make program (default: make).
      --timeout SECONDS    Stop the build after SECONDS (default 120).
      --var NAME=VALUE     Set a make variable on make's command line (repeatable).
      --verify             Verify each fix that changes parallel behaviour: find a parallel build
                           that fails without it (--shuffle seeds with make >= 4.4, else repeated
                           -jN), then build with the edit; reports the seed and 'fix verified in N runs'.
  -j, --jobs N             Jobs of the verification builds (default 2).
      --json               Print the result as JSON.
      --format FORMAT      text (default), json or sarif (SARIF 2.1.0 with the fixes).

Exit codes: 0 clean, 1 a warning finding, 2 an error.
`;

export interface AuditArgs {
  directory: string;
  makefile?: string;
  make?: string;
  timeoutMs?: number;
  variables?: Record<string, string>;
  format: 'text' | 'json' | 'sarif';
  verify: boolean;
  jobs?: number;
  help: boolean;
  targets: string[];
}

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  const args: AuditArgs = { directory: '.', format: 'text', verify: false, help: false, targets: [] };
  readCommandLine(argv, args, {
    withValue: ['--format', '-j', '--jobs'],
    positional: args.targets,
    apply: (name, value) => {
      if (name === '--json') args.format = 'json';
      else if (name === '--verify') args.verify = true;
      else if (name === '-j' || name === '--jobs') args.jobs = wholeNumber(name, value, 2);
      else if (name === '--format') {
        if (value !== 'text' && value !== 'json' && value !== 'sarif')
          throw new UsageError(`--format takes text, json or sarif, got '${value}'`);
        args.format = value;
      } else if (name === '-h' || name === '--help') args.help = true;
      else throw unknownOption(name);
    },
  });
  return args;
}

/** Runs `makescope audit ARGS` (argv without the command name). */
export async function runAuditCommand(
  argv: readonly string[],
  stdout: Output,
  stderr: Output,
  signal?: AbortSignal,
): Promise<number> {
  try {
    const args = parseAuditArgs(argv);
    if (args.help) {
      stdout.write(AUDIT_HELP);
      return 0;
    }
    const result = await auditProbe({
      directory: path.resolve(args.directory),
      makefile: args.makefile,
      make: args.make,
      timeoutMs: args.timeoutMs,
      targets: args.targets,
      commandLineVariables: args.variables,
      verify: args.verify,
      jobs: args.jobs,
      signal,
      onProgress: stderr.isTTY ? (message) => stderr.write(`\r\u001b[K${message}`) : undefined,
    });
    if (stderr.isTTY) stderr.write('\r\u001b[K');
    if (args.format === 'json') stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (args.format === 'sarif') stdout.write(`${JSON.stringify(auditSarif(result), null, 2)}\n`);
    else stdout.write(auditReport(result, process.cwd(), createStyle(stdout.isTTY)));
    return result.findings.some((finding) => finding.severity === 'warning') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ProbeError) {
      stderr.write(`makescope audit: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
