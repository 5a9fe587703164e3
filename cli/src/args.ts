// Command-line parsing for `makescope`: subcommand, options, and targets (after `--` if they look like options).
import type { SandboxPolicy } from '../../engine/probes/safety';
import { readCommandLine, unknownOption, UsageError, wholeNumber } from './options';

export const COMMANDS = ['convergence', 'trace', 'vars', 'dry-run', 'timing'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command;
  directory: string;
  makefile?: string;
  make?: string;
  jobs?: number;
  json: boolean;
  sandbox: SandboxPolicy;
  timeoutMs?: number;
  variables?: Record<string, string>;
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

const OWN_WITH_VALUE = ['-j', '--jobs', '--sandbox', '--log', '--target'];

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!(COMMANDS as readonly string[]).includes(command ?? '')) {
    throw new UsageError(`unknown command '${command ?? ''}'. Run 'makescope --help' for the list.`);
  }
  const args: CliArgs = {
    command: command as Command,
    directory: '.',
    json: false,
    sandbox: 'auto',
    buildFirst: false,
    build: false,
    all: false,
    rules: false,
    verbose: false,
    positional: [],
  };
  readCommandLine(rest, args, {
    withValue: OWN_WITH_VALUE,
    positional: args.positional,
    apply: (name, value) => applyOption(args, name, value),
  });
  return args;
}

function applyOption(args: CliArgs, name: string, value: string | undefined): void {
  switch (name) {
    case '-j':
    case '--jobs':
      args.jobs = wholeNumber(name, value);
      break;
    case '--sandbox':
      if (value !== 'auto' && value !== 'always' && value !== 'never') {
        throw new UsageError(`--sandbox takes auto, always or never, got '${value}'`);
      }
      args.sandbox = value;
      break;
    case '--log':
      args.log = value;
      break;
    case '--target':
      args.target = value;
      break;
    case '--json':
      args.json = true;
      break;
    case '--build-first':
      args.buildFirst = true;
      break;
    case '--build':
      args.build = true;
      break;
    case '--all':
      args.all = true;
      break;
    case '--rules':
      args.rules = true;
      break;
    case '--verbose':
      args.verbose = true;
      break;
    default:
      throw unknownOption(name);
  }
}
