// One reader of command-line options for every `makescope` command, so they all accept the same forms:
// `--name=value`, `--name value`, `-Cdir`, `-C dir`, and anything after `--` as a plain argument.

import { checkCommandLineVariable } from '../../engine/probes/probeOptions';

export class UsageError extends Error {}

function isMakeVariableName(name: string): boolean {
  try {
    checkCommandLineVariable(name);
    return true;
  } catch {
    return false;
  }
}

/** Short options whose value may be glued on (`-Cdir`, `-fMakefile`, `-j4`). */
const GLUED_SHORT = /^-[Cfj]./;

interface OptionHandlers {
  /** Options that take a value; any other option is a flag (its value is undefined). */
  withValue: ReadonlySet<string>;
  /** Called for each option with its value; throws UsageError for an option it does not know. */
  option(name: string, value: string | undefined): void;
  /** Called for each argument that is not an option (targets, variable names). */
  positional(argument: string): void;
}

function readOptions(argv: readonly string[], handlers: OptionHandlers): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) handlers.positional(rest);
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      handlers.positional(arg);
      continue;
    }
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [name, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    else if (GLUED_SHORT.test(arg)) [name, value] = [arg.slice(0, 2), arg.slice(2)];
    if (handlers.withValue.has(name) && value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
    }
    handlers.option(name, value);
  }
}

export function unknownOption(name: string): UsageError {
  return new UsageError(`unknown option '${name}' (put targets that start with '-' after '--')`);
}

/** `text` as a whole number of at least `minimum`, or a UsageError naming the option. */
export function wholeNumber(option: string, text: string | undefined, minimum = 1): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(value) || value < minimum) {
    const what = minimum === 1 ? 'a positive whole number' : `a whole number of at least ${minimum}`;
    throw new UsageError(`${option} needs ${what}, got '${text ?? ''}'`);
  }
  return value;
}

/** What every command is told about the project and make. */
export interface ProjectOptions {
  directory: string;
  makefile?: string;
  make?: string;
  timeoutMs?: number;
  /** `--var NAME=VALUE` (repeatable): make's command-line variables, in order. */
  variables?: Record<string, string>;
}

const PROJECT_OPTIONS_WITH_VALUE: readonly string[] = [
  '--var',
  '-C',
  '--directory',
  '-f',
  '--file',
  '--makefile',
  '--make',
  '--timeout',
];

/** Applies one of the options every command shares; false when `name` is not one of them. */
function applyProjectOption(args: ProjectOptions, name: string, value: string | undefined): boolean {
  switch (name) {
    case '-C':
    case '--directory':
      args.directory = value as string;
      return true;
    case '-f':
    case '--file':
    case '--makefile':
      args.makefile = value;
      return true;
    case '--make':
      args.make = value;
      return true;
    case '--timeout':
      args.timeoutMs = wholeNumber(name, value) * 1000;
      return true;
    case '--var': {
      const text = value as string;
      const eq = text.indexOf('=');
      const variable = eq < 0 ? text : text.slice(0, eq);
      if (eq < 0 || !isMakeVariableName(variable))
        throw new UsageError(
          `--var needs NAME=VALUE with NAME a make variable name (no blanks, ':', '#', '=', '$' or brackets), got '${text}'`,
        );
      args.variables = { ...args.variables, [variable]: text.slice(eq + 1) };
      return true;
    }
    default:
      return false;
  }
}

export interface CommandOptions {
  /** The command's own options that take a value (the project options are known here). */
  withValue: readonly string[];
  /** Where the arguments that are not options go. */
  positional: string[];
  /** Applies one of the command's own options; throws unknownOption() for any other. */
  apply(name: string, value: string | undefined): void;
}

/** Reads `argv` into `args`: the project options here, the command's own through `own.apply`. */
export function readCommandLine<A extends ProjectOptions>(
  argv: readonly string[],
  args: A,
  own: CommandOptions,
): A {
  readOptions(argv, {
    withValue: new Set([...PROJECT_OPTIONS_WITH_VALUE, ...own.withValue]),
    positional: (argument) => own.positional.push(argument),
    option: (name, value) => {
      if (!applyProjectOption(args, name, value)) own.apply(name, value);
    },
  });
  return args;
}
