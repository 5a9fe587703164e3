// Every `makescope` command: its name, help and options, and its code (loaded only when it runs).
// Adding a command is one entry here and its own file under commands/.
import * as os from 'node:os';
import { PROBE_NOTES, PROBE_OPTIONS } from './args';
import type { CommandSpec } from './commandSpec';
import { PROJECT_OPTIONS } from './options';

const PROBE_EXIT_CODES = '0 nothing to report, 1 a finding (work to do), 2 an error.';

export const COMMAND_TABLE: readonly CommandSpec[] = [
  {
    name: 'convergence',
    operands: '[TARGET...]',
    summary:
      'Did the build settle? make -q, then make -n --trace names what would\nrebuild and why (file:line). Phony targets are listed apart.',
    description: `Did the build settle? make -q, then make -n --trace names what would rebuild and why
(file:line); a real second make (isolated) confirms it. Phony targets are listed apart.
${PROBE_NOTES}`,
    options: [
      ...PROBE_OPTIONS,
      { name: 'build-first', help: 'Build first (isolated), then check it settled.' },
    ],
    exitCodes: '0 converged, 1 not converged (targets would rebuild), 2 an error.',
    load: () => import('./commands/convergence'),
  },
  {
    name: 'trace',
    operands: '[TARGET...]',
    summary:
      "Why would each target rebuild: tree target <- reason <- prerequisites,\nwith recipe lines, across sub-makes. --log FILE reads a real run's\n--trace output instead of running make.",
    description: `Why would each target rebuild: tree target <- reason <- prerequisites, with recipe lines,
across sub-makes (make -n --trace).
${PROBE_NOTES}`,
    options: [
      ...PROBE_OPTIONS,
      { name: 'log', value: 'FILE', help: "Read a real run's --trace output instead of running make." },
    ],
    exitCodes: PROBE_EXIT_CODES,
    load: () => import('./commands/trace'),
  },
  {
    name: 'vars',
    operands: '[VARIABLE...]',
    summary:
      "Without names: make's database (variables with origin, flavor, value,\nfile:line; --rules adds rules, pattern rules, vpath; --all adds\ndefault and environment variables). With names: their values fully\nexpanded by make itself (--target T: as seen by target T). No recipe runs.",
    description: `Without names: make's database (make -p: variables with origin, flavor, value and
file:line; --rules adds rules, pattern rules and vpath, --all the default and environment
variables; --json holds the same selection). With names: their values fully expanded by make
itself. No recipe runs.
${PROBE_NOTES}`,
    options: [
      ...PROBE_OPTIONS,
      { name: 'target', value: 'T', help: 'Resolve in the context of target T.' },
      { name: 'rules', help: 'Also list rules, pattern rules and vpath.' },
      { name: 'all', help: 'Also list default and environment variables.' },
    ],
    exitCodes: '0 done, 2 an error.',
    load: () => import('./commands/vars'),
  },
  {
    name: 'dry-run',
    operands: '[TARGET...]',
    summary: 'What make -n would run, grouped by target, following sub-makes.',
    description: `What make -n would run, grouped by target, following sub-makes.
${PROBE_NOTES}`,
    options: PROBE_OPTIONS,
    exitCodes: '0 no work would run, 1 work would run, 2 an error (make -n failed: its error first).',
    load: () => import('./commands/dryRun'),
  },
  {
    name: 'timing',
    operands: '[TARGET...]',
    summary:
      'Reading time and make -n time (and with --build a full isolated build);\nparse-time $(shell ...) calls timed when strace is installed.',
    description: `Reading time and make -n time (and with --build a full isolated build); parse-time
$(shell ...) calls timed when strace is installed.
${PROBE_NOTES}`,
    options: [...PROBE_OPTIONS, { name: 'build', help: 'Also time a full build (isolated).' }],
    exitCodes: '0 done, 2 an error (make -n failed).',
    load: () => import('./commands/timing'),
  },
  {
    name: 'audit',
    operands: '[TARGET...]',
    summary:
      "Declared against observed dependencies: one traced isolated build against\nmake's database; missing and unread prerequisites, side outputs, unwritten\ntargets, shared outputs, each with file:line and the fix.",
    description: `Runs one isolated serial build under strace and compares what every recipe read and wrote with
make's own database (make -p). Reports, per target, with the rule's file:line and the edit that
fixes it: missing prerequisites (a file another target writes, read with no declared path
between them; order-only where only a directory's existence matters), declared prerequisites
never read (the makefile, FORCE, phony targets and stamps are deliberate triggers), side outputs
(written but not a target; -MMD .d files named as such), targets their recipe never writes, and
two targets writing one file. With --verify, each fix that changes parallel behaviour is checked:
a parallel build that fails without it is found (--shuffle seeds with make >= 4.4, else repeated
-jN), then built with the edit ('fix verified in N runs', with the seed). The workspace is never changed.`,
    options: [
      ...PROJECT_OPTIONS,
      { name: 'verify', help: 'Verify each fix that changes parallel behaviour with parallel builds.' },
      { name: 'jobs', short: 'j', value: 'N', help: 'Jobs of the verification builds (default 2).' },
      {
        name: 'format',
        value: 'FORMAT',
        help: 'text (default), json or sarif (SARIF 2.1.0 with the fixes).',
      },
      { name: 'json', help: 'Print the result as JSON (same as --format json).' },
    ],
    exitCodes: '0 clean, 1 a warning finding, 2 an error.',
    load: () => import('./commands/audit'),
  },
  {
    name: 'parallel-diff',
    operands: '[TARGET...]',
    summary:
      'Serial against parallel (and shuffled) builds, each isolated: exit codes,\nfiles and logs compared; races found by tracing, with the fix line.',
    description: `Builds the project serially (-j1) and in parallel (-jN) and, with GNU make 4.4 or newer, with
--shuffle=reverse and random seeds (each seed reported), every build isolated on its own.
Compares exit codes, first errors, the files created, changed and deleted (content hashes) and
per-target logs (--output-sync=target, shown as a unified diff). Then traces a serial build with
strace to find every file one recipe reads while another target writes it with no declared
prerequisite between them, and two targets writing one path, with the rule's file:line and the
line that fixes it. The workspace is never changed.`,
    options: [
      ...PROJECT_OPTIONS,
      {
        name: 'jobs',
        short: 'j',
        value: 'N',
        help: 'Jobs of the parallel builds (default: the number of CPUs, at least 2).',
      },
      {
        name: 'runs',
        value: 'K',
        help: 'Random shuffle seeds (repeated -jN builds with make < 4.4); default 2.',
      },
      {
        name: 'shuffle',
        value: 'MODE',
        help: 'random: only random seeds; reverse: only --shuffle=reverse;\nSEED (a number): only that seed, to reproduce a failure.',
      },
      { name: 'no-trace', help: 'Compare runs only (no strace).' },
      {
        name: 'max-sandbox-mb',
        value: 'N',
        help: 'Where builds need copies (no isolation), refuse\nprojects bigger than N MB (default 2048).',
      },
      { name: 'json', help: 'Print the result as JSON.' },
    ],
    exitCodes: '0 clean, 1 a difference or a race finding, 2 an error (or the serial build fails).',
    load: () => import('./commands/parallelDiff'),
  },
  {
    name: 'timeline',
    operands: '[TARGET...]',
    summary:
      'One recorded isolated build as a timeline: every target per make level,\nthe critical path, parallelism, idle -j slots, the targets worth\nspeeding up; --out writes a Chrome trace (Perfetto, chrome://tracing).',
    description: `Builds the project once with make -jN -p (isolated, or in a copy) and records one span per
target per make level, sub-makes included: each recipe line reports its start and end through the
recipe's own shell (SHELL and .SHELLFLAGS kept; a SHELL that is no POSIX shell, or .ONESHELL, is
recorded under strace), or with --strace every process a recipe starts, with its pid (slower). Reports the wall time, the critical path through
the graph make declared (each make's database from the same run), the achieved parallelism, the
job slots left idle at -jN and the targets whose speed-up would shorten the build most. --out FILE
writes Chrome trace event JSON (one thread per job slot). The workspace is never changed.`,
    options: [
      ...PROJECT_OPTIONS,
      { name: 'jobs', short: 'j', value: 'N', help: 'Jobs of the recorded build (default 2).' },
      { name: 'out', value: 'FILE', help: 'Write the Chrome trace event JSON to FILE.' },
      { name: 'strace', help: "Record under strace: each span lists its recipe's processes." },
      { name: 'json', help: 'Print the result as JSON.' },
    ],
    exitCodes: '0 the build succeeded, 2 the build failed or an error.',
    load: () => import('./commands/timeline'),
  },
  {
    name: 'evidence',
    operands: '[TARGET...]',
    summary:
      'The whole evidence ladder, in order, with a verdict: healthy, local fix\nor escalate. Writes report.md/json/sarif and every output to a folder.',
    description: `Climbs the evidence ladder in order, each step only gathering: (1) the symptom: target, -j level,
make version, and the environment and command-line variables that reach the target; (2) intended
work (make -n); (3) causality (make -n --trace); (4) resolved state (make -p, saved as
database.txt); (5) convergence (an isolated build, then make -q); (6) parse time against
recipe time; (7) serial against parallel (isolated builds); (8) the escalation assessment.
Two traced builds join when they can answer the symptom: the build timeline after (6) when the
symptom reads as slowness ("slow", "takes too long", "timed out") or with --timeline, and the
dependency audit after (7) when serial and parallel differ, the symptom reads as a race ("flaky",
"sometimes", "-j8") or with --audit. The audit needs strace.
Every command, its exit code, time and full output are recorded. The report ends with a verdict:
healthy, a local fix (with the Makefile line to start at) or escalate (with what to hand over).
The project is never changed.`,
    options: [
      ...PROJECT_OPTIONS,
      { name: 'jobs', short: 'j', value: 'N', help: 'The -j level of the incident (default 1).' },
      { name: 'symptom', value: 'TEXT', help: 'What was seen, in a few words (kept in the report).' },
      {
        name: 'out',
        value: 'DIR',
        help: `Where to write the outputs and report.{md,json,sarif}\n(default: a new folder under ${os.tmpdir()}).`,
      },
      { name: 'format', value: 'FORMAT', help: 'What to print: md (default), json or sarif.' },
      { name: 'runs', value: 'K', help: 'Random shuffle seeds for step 7 (default 2).' },
      { name: 'no-build', help: 'Skip the isolated builds (steps 5 to 7 gather less).' },
      {
        name: 'timeline',
        help: 'Add the build timeline (critical path, idle job slots) whatever the symptom.',
      },
      { name: 'audit', help: 'Add the dependency audit (undeclared reads and writes) whatever the symptom.' },
    ],
    exitCodes: '0 healthy, 1 a local fix or an escalation, 2 an error.',
    load: () => import('./commands/evidence'),
  },
  {
    name: 'runbook',
    operands: '',
    summary: "Write a RUNBOOK.md for the project from make's own database.",
    description: `Writes a RUNBOOK.md for the project from make's own database: the stable targets, the question
to command table with this project's commands, the convergence and serial/parallel checks, where
the resolved-state dump goes, the escalation triggers and what not to do first. Printed to
standard output unless --out names a file.`,
    options: [...PROJECT_OPTIONS, { name: 'out', value: 'FILE', help: 'Write the runbook to FILE.' }],
    exitCodes: '0 written, 2 an error.',
    load: () => import('./commands/runbook'),
  },
  {
    name: 'lint',
    operands: '[FILE...]',
    summary:
      'Lint makefiles without running make: missing or stale .PHONY, plain make\nin recipes, unused and undefined variables, circular dependencies,\n.ONESHELL and .POSIX pitfalls, recipes checked by sh -n and shellcheck\n(codes MS101-MS125, MS201-MS202, docs/lint.md). --format sarif for CI.',
    description: `Lints makefiles without running make (FILE..., or the makefile of -C DIR): the rules
MS101-MS125 with their default severities, described with their reasons in docs/lint.md. Each recipe
is also checked by the shell make would use, with '-n' (SHELL and .SHELLFLAGS respected: MS201), and by
shellcheck when it is on PATH (MS202); --no-recipe-shell skips both (they run programs). A comment
'# makescope-disable-next-line MS101' silences the next line; '# makescope-disable MS105' up to
'# makescope-enable MS105' (or the end of the file) silences a span; without codes, every rule.`,
    options: [
      {
        name: 'directory',
        short: 'C',
        value: 'DIR',
        help: 'Lint the makefile of DIR (default: the current directory).',
      },
      {
        name: 'rule',
        value: 'CODE=SEVERITY',
        multiple: true,
        help: 'Severity of one rule (off, hint, information, warning, error),\nas the makescope.lint.rules setting (repeatable).',
      },
      {
        name: 'no-recipe-shell',
        help: "Skip MS201/MS202: the recipes' check by sh -n (bash -n)\nand shellcheck.",
      },
      { name: 'format', value: 'FORMAT', help: 'What to print: text (default), json or sarif.' },
      { name: 'json', help: 'Print the result as JSON (same as --format json).' },
    ],
    exitCodes: '0 no finding at error severity, 1 a finding at error severity, 2 an error.',
    load: () => import('./commands/lint'),
  },
  {
    name: 'fmt',
    operands: '[FILE...]',
    summary:
      "Format makefiles as the editor's Format Document does (operator and\ncomment spacing, blank lines; recipes as written). --check for CI.",
    description: `Formats makefiles (FILE..., or the makefile of -C DIR) as Format Document does in the editor:
one space around assignment operators and after a rule's colon, '# ' comments, one blank line at
most, no trailing blanks; recipe lines stay as written, and make reads the result as it read the
original (README: Formatting). Writes each file it changes; --check and --diff write nothing. Bytes
are kept: a file that is not UTF-8 comes back with the same bytes outside the spaces changed.`,
    options: [
      {
        name: 'directory',
        short: 'C',
        value: 'DIR',
        help: 'Format the makefile of DIR (default: the current directory).',
      },
      { name: 'check', help: 'Write nothing; list the files that would change.' },
      { name: 'diff', help: 'Write nothing; print what would change as a unified diff.' },
    ],
    exitCodes: '0 done (or, with --check/--diff, nothing would change), 1 a file would change, 2 an error.',
    load: () => import('./commands/fmt'),
  },
  {
    name: 'index',
    operands: '',
    summary:
      "A SCIP index (Sourcegraph's code intelligence format) of the makefiles\nunder -C DIR: variable and target definitions and references, for\ncode navigation outside the editor. No make runs.",
    description: `Writes a SCIP index (scip.proto, protobuf) of every makefile under DIR (default: the current
directory) and of the files they include: each variable and target definition, each reference to a
variable and each prerequisite, tied to their definitions as Go to Definition ties them (across
includes), with each symbol's definitions as its documentation. Symbols are
'makescope make . . <root makefile>/NAME.' for variables and '.../NAME:' for targets, where the root
makefile is the one make starts from. Columns count UTF-16 code units. Reads files only: no make runs.`,
    options: [
      {
        name: 'directory',
        short: 'C',
        value: 'DIR',
        help: 'Index the makefiles under DIR (default: the current directory).',
      },
      {
        name: 'output',
        short: 'o',
        value: 'FILE',
        help: "Where to write the index (default: index.scip in the current\ndirectory; '-' for standard output).",
      },
    ],
    exitCodes: '0 written, 2 an error.',
    load: () => import('./commands/scipIndex'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMAND_TABLE.find((command) => command.name === name);
}
