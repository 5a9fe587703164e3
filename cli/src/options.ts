// One reader of command-line options for every `makescope` command (Node's util.parseArgs), so they all accept
// the same forms: `--name=value`, `--name value`, `-Cdir`, `-C dir`, and anything after `--` as a plain argument.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkCommandLineVariable } from '../../engine/probes/probeOptions';
import type { CommandLine, OptionSpec } from './commandSpec';
import { HELP_OPTION } from './commandSpec';

export class UsageError extends Error {}

export function unknownOption(name: string): UsageError {
  return new UsageError(`unknown option '${name}' (put targets that start with '-' after '--')`);
}

/** Reads `argv` (after the command name) against the command's options; a UsageError for anything else. */
export function readCommandLine(argv: readonly string[], options: readonly OptionSpec[]): CommandLine {
  const known = new Map([...options, HELP_OPTION].map((option) => [option.name, option]));
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of known.values())
    config[option.name] = {
      type: option.value ? 'string' : 'boolean',
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    };
  // Not strict: the tokens are checked here, so the messages name the option as the user typed it.
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: config,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const typed: Record<string, string> = {};
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    typed[token.name] = token.rawName;
    const option = known.get(token.name);
    if (!option) throw unknownOption(token.rawName);
    if (option.value && token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
    if (!option.value && token.value !== undefined)
      throw new UsageError(`${token.rawName} takes no value, got '${token.value}'`);
  }
  return { values, positionals, typed };
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

/** An option's value as text (undefined when not given). */
export function text(commandLine: CommandLine, name: string): string | undefined {
  const value = commandLine.values[name];
  return Array.isArray(value) ? value.at(-1) : typeof value === 'string' ? value : undefined;
}

export function flag(commandLine: CommandLine, name: string): boolean {
  return commandLine.values[name] === true;
}

/** A whole-number option (undefined when not given). */
export function count(commandLine: CommandLine, name: string, minimum = 1): number | undefined {
  const value = text(commandLine, name);
  return value === undefined
    ? undefined
    : wholeNumber(commandLine.typed[name] ?? `--${name}`, value, minimum);
}

/** The options every command takes about the project and make. */
export const PROJECT_OPTIONS: readonly OptionSpec[] = [
  { name: 'directory', short: 'C', value: 'DIR', help: 'Run make in DIR (default: the current directory).' },
  { name: 'file', short: 'f', value: 'FILE', help: 'Use FILE as the makefile.' },
  { name: 'makefile', value: 'FILE', help: '' },
  { name: 'make', value: 'PATH', help: 'The make program (default: make). GNU make 4.0 or newer.' },
  { name: 'timeout', value: 'SECONDS', help: 'Stop make after SECONDS (default 120).' },
  {
    name: 'var',
    value: 'NAME=VALUE',
    multiple: true,
    help: "Set a make variable on make's command line (repeatable; one argument,\nnever through a shell), as in 'make NAME=VALUE'.",
  },
];

/** What every command is told about the project and make. */
export interface ProjectOptions {
  directory: string;
  makefile?: string;
  make?: string;
  timeoutMs?: number;
  /** `--var NAME=VALUE` (repeatable): make's command-line variables, in order. */
  variables?: Record<string, string>;
}

function isMakeVariableName(name: string): boolean {
  try {
    checkCommandLineVariable(name);
    return true;
  } catch {
    return false;
  }
}

export function projectOptions(commandLine: CommandLine): ProjectOptions {
  const timeout = count(commandLine, 'timeout');
  let variables: Record<string, string> | undefined;
  const assignments = commandLine.values.var;
  for (const assignment of Array.isArray(assignments) ? assignments : []) {
    const eq = assignment.indexOf('=');
    const variable = eq < 0 ? assignment : assignment.slice(0, eq);
    if (eq < 0 || !isMakeVariableName(variable))
      throw new UsageError(
        `--var needs NAME=VALUE with NAME a make variable name (no blanks, ':', '#', '=', '$' or brackets), got '${assignment}'`,
      );
    variables = { ...variables, [variable]: assignment.slice(eq + 1) };
  }
  return {
    directory: text(commandLine, 'directory') ?? '.',
    makefile: text(commandLine, 'file') ?? text(commandLine, 'makefile'),
    make: text(commandLine, 'make'),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    variables,
  };
}

/** Refuses a target with '=' (make would read it as a variable assignment). */
export function checkTargets(targets: readonly string[]): void {
  for (const target of targets) {
    if (target.includes('='))
      throw new UsageError(
        `'${target}' contains '=', which make would read as a variable assignment; refused (to set a variable, use --var ${target})`,
      );
  }
}

/** What a report prints: `--format text|json|sarif`, or `--json` for json; text by default. */
export type ReportFormat = 'text' | 'json' | 'sarif';

export function reportFormat(commandLine: CommandLine): ReportFormat {
  const format = text(commandLine, 'format') ?? (flag(commandLine, 'json') ? 'json' : 'text');
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`--format takes text, json or sarif, got '${format}'`);
  return format;
}
