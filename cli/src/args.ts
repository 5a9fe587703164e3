// Command-line parsing for `makescope`: subcommand, options, and targets (after `--` if they look like options).
import type { SandboxPolicy } from '../../server/src/probes/safety';

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
  buildFirst: boolean;
  build: boolean;
  log?: string;
  target?: string;
  all: boolean;
  rules: boolean;
  /** Targets, or variable names for `vars`. */
  positional: string[];
}

export class UsageError extends Error {}

const VALUE_OPTIONS = new Set([
  '-C',
  '--directory',
  '-f',
  '--file',
  '--makefile',
  '--make',
  '-j',
  '--jobs',
  '--sandbox',
  '--timeout',
  '--log',
  '--target',
]);

function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${option} needs a positive whole number, got '${text}'`);
  return value;
}

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
    positional: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      args.positional.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.positional.push(arg);
      continue;
    }
    let option = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      option = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    } else if (/^-[Cfj]./.test(arg)) {
      option = arg.slice(0, 2);
      value = arg.slice(2);
    }
    if (VALUE_OPTIONS.has(option) && value === undefined) {
      value = rest[++i];
      if (value === undefined) throw new UsageError(`${option} needs a value`);
    }
    switch (option) {
      case '-C':
      case '--directory':
        args.directory = value as string;
        break;
      case '-f':
      case '--file':
      case '--makefile':
        args.makefile = value;
        break;
      case '--make':
        args.make = value;
        break;
      case '-j':
      case '--jobs':
        args.jobs = positiveInteger(option, value as string);
        break;
      case '--sandbox':
        if (value !== 'auto' && value !== 'always' && value !== 'never') {
          throw new UsageError(`--sandbox takes auto, always or never, got '${value}'`);
        }
        args.sandbox = value;
        break;
      case '--timeout':
        args.timeoutMs = positiveInteger(option, value as string) * 1000;
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
      default:
        throw new UsageError(`unknown option '${arg}' (put targets that start with '-' after '--')`);
    }
  }
  return args;
}
