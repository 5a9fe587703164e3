// The probe commands' arguments (convergence, trace, vars, dry-run, timing): shared options and their reading.
import type { SandboxPolicy } from '../../engine/probes/safety';
import type { CommandLine, OptionSpec } from './commandSpec';
import { count, flag, PROJECT_OPTIONS, projectOptions, readCommandLine, text, UsageError } from './options';
import type { ProjectOptions } from './options';

export interface CliArgs extends ProjectOptions {
  jobs?: number;
  json: boolean;
  sandbox: SandboxPolicy;
  buildFirst: boolean;
  build: boolean;
  log?: string;
  target?: string;
  all: boolean;
  rules: boolean;
  verbose: boolean;
  /** Targets, or variable names for `vars`. */
  positional: string[];
}

/** The options of every probe command (then each command's own). */
export const PROBE_OPTIONS: readonly OptionSpec[] = [
  ...PROJECT_OPTIONS,
  { name: 'jobs', short: 'j', value: 'N', help: 'Pass -jN to make.' },
  { name: 'json', help: 'Print the result as JSON.' },
  {
    name: 'sandbox',
    value: 'POLICY',
    help: [
      "auto (default): isolate every make run (a private overlay at the project's",
      'own paths); where isolation is not available, run in place when nothing',
      "in the makefiles can write ('+' lines, $(MAKE), remade makefiles,",
      '$(shell ...)), else in a copy when that is safe, else refuse.',
      'always: never in place; never: in place when nothing can write, else refuse.',
    ].join('\n'),
  },
  { name: 'verbose', help: 'List every makefile line that made a probe run isolated (one line otherwise).' },
];

/** What the probe commands' help says after the description. */
export const PROBE_NOTES = `
Targets are passed to make as arguments (never through a shell); put '--' before targets that
start with '-'. A target containing '=' is refused (make would take it as a variable assignment):
set variables with --var NAME=VALUE.
The workspace is never changed: make runs isolated at the project's own paths (a private overlay
whose writes are discarded); see SECURITY.md.`;

export function probeArgs(commandLine: CommandLine): CliArgs {
  const sandbox = text(commandLine, 'sandbox') ?? 'auto';
  if (sandbox !== 'auto' && sandbox !== 'always' && sandbox !== 'never')
    throw new UsageError(`--sandbox takes auto, always or never, got '${sandbox}'`);
  return {
    ...projectOptions(commandLine),
    jobs: count(commandLine, 'jobs'),
    json: flag(commandLine, 'json'),
    sandbox,
    buildFirst: flag(commandLine, 'build-first'),
    build: flag(commandLine, 'build'),
    log: text(commandLine, 'log'),
    target: text(commandLine, 'target'),
    all: flag(commandLine, 'all'),
    rules: flag(commandLine, 'rules'),
    verbose: flag(commandLine, 'verbose'),
    positional: commandLine.positionals,
  };
}

/** Reads a probe command's arguments against its own options (`options` from the command table). */
export function parseProbeArgs(argv: readonly string[], options: readonly OptionSpec[]): CliArgs {
  return probeArgs(readCommandLine(argv, options));
}
