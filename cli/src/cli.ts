// The `makescope` command: parses the command line and dispatches to a subcommand.
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../engine/version';
import { ProbeError } from '../../engine/probes/probeOptions';
import { parseArgs } from './args';
import { UsageError } from './options';
import { runAuditCommand } from './auditCommand';
import { runCommand } from './commands';
import { runEvidenceCommand, runRunbookCommand } from './evidenceCommand';
import { runParallelDiffCommand } from './parallelDiffCommand';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const HELP = `${PRODUCT_NAME} ${PRODUCT_VERSION} - diagnose GNU Make builds without changing anything.

Usage: makescope <command> [options] [--] [TARGET...]

Commands:
  convergence [TARGET...]  Did the build settle? make -q, then make -n --trace names what would
                           rebuild and why (file:line). Phony targets are listed apart.
  trace [TARGET...]        Why would each target rebuild: tree target <- reason <- prerequisites,
                           with recipe lines, across sub-makes. --log FILE reads a real run's
                           --trace output instead of running make.
  vars [VARIABLE...]       Without names: make's database (variables with origin, flavor, value,
                           file:line; --rules adds rules, pattern rules, vpath; --all adds
                           default and environment variables). With names: their values fully
                           expanded by make itself (--target T: as seen by target T). No recipe runs.
  dry-run [TARGET...]      What make -n would run, grouped by target, following sub-makes.
  timing [TARGET...]       Reading time and make -n time (and with --build a full isolated build);
                           parse-time $(shell ...) calls timed when strace is installed.
  evidence [TARGET...]     The whole evidence ladder, in order, with a verdict: healthy, local fix
                           or escalate. Writes report.md/json/sarif and every output to a folder.
  audit [TARGET...]        Declared against observed dependencies: one traced isolated build
                           against make's database; missing and unread prerequisites, side
                           outputs, unwritten targets, shared outputs, each with file:line and fix.
  runbook                  Write a RUNBOOK.md for the project from make's own database.
  help                     Show this help.

Options:
  -C, --directory DIR      Run make in DIR (default: the current directory).
  -f, --file FILE          Use FILE as the makefile.
      --make PATH          The make program (default: make). GNU make 4.0 or newer.
  -j, --jobs N             Pass -jN to make.
      --json               Print the result as JSON.
      --sandbox POLICY     auto (default): isolate every make run (a private overlay at the project's
                           own paths); where isolation is not available, run in place when nothing
                           in the makefiles can write ('+' lines, $(MAKE), remade makefiles,
                           $(shell ...)), else in a copy when that is safe, else refuse.
                           always: never in place; never: in place when nothing can write, else refuse.
      --build-first        convergence: build first (isolated), then check it settled.
      --build              timing: also time a full build (isolated).
      --target T           vars: resolve in the context of target T.
      --timeout SECONDS    Stop make after SECONDS (default 120).
      --verbose            List every makefile line that made a probe run isolated (one line otherwise).
      --var NAME=VALUE     Set a make variable on make's command line (repeatable; one argument,
                           never through a shell), as in 'make NAME=VALUE'.
  -h, --help               Show this help.
  -V, --version            Print the version.

Targets are passed to make as arguments (never through a shell); put '--' before targets that
start with '-'. A target containing '=' is refused (make would take it as a variable assignment):
set variables with --var NAME=VALUE.
The workspace is never changed: make runs isolated at the project's own paths (a private overlay
whose writes are discarded); see SECURITY.md.

Exit codes:
  0  converged / clean (nothing would rebuild)
  1  a finding (stale targets, work to do)
  2  an error (bad arguments, make missing or failing, refused, cancelled)
`;

export async function runCli(
  argv: string[],
  stdout: Output,
  stderr: Output,
  signal?: AbortSignal,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    stdout.write(HELP);
    return 0;
  }
  if (argv[0] === '-V' || argv[0] === '--version') {
    stdout.write(`makescope ${PRODUCT_VERSION}\n`);
    return 0;
  }
  if (argv[0] === 'audit') return runAuditCommand(argv.slice(1), stdout, stderr, signal);
  if (argv[0] === 'parallel-diff') return runParallelDiffCommand(argv.slice(1), stdout, stderr, signal);
  if (argv[0] === 'evidence') return runEvidenceCommand(argv.slice(1), stdout, stderr, signal);
  if (argv[0] === 'runbook') return runRunbookCommand(argv.slice(1), stdout, stderr, signal);
  try {
    const args = parseArgs(argv);
    const outcome = await runCommand(args, signal, stdout.isTTY);
    stdout.write(args.json ? JSON.stringify(outcome.json, null, 2) + '\n' : outcome.text);
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ProbeError) {
      stderr.write(`makescope: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
