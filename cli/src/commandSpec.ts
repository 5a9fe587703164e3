// What one `makescope` command is (name, summary, options, how to load its code) and the help text made from it.

export interface Output {
  write(text: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** One option: `--name` (and `-x`), a flag unless it takes a value (`value` names it in the help). */
export interface OptionSpec {
  name: string;
  short?: string;
  /** The value's name in the help (DIR, N): the option takes a value. */
  value?: string;
  /** May be given more than once (every value kept, in order). */
  multiple?: boolean;
  /** The help text; lines after the first are continuation lines. Empty: accepted, not listed. */
  help: string;
}

/** What the command line says, once read: option values by long name, and the other arguments. */
export interface CommandLine {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** Each given option as the user typed it (`-j`, `--jobs`), for messages. */
  typed: Record<string, string>;
}

export interface CommandIO {
  stdout: Output;
  stderr: Output;
  signal?: AbortSignal;
}

/** The code of one command, loaded only when that command runs. */
export interface CommandModule {
  /** Runs the command; the exit code (0 nothing found, 1 a finding, 2 an error). Throws UsageError or ProbeError. */
  run(commandLine: CommandLine, io: CommandIO): Promise<number>;
}

export interface CommandSpec {
  name: string;
  /** The arguments after the command in the usage line: '[TARGET...]'. */
  operands: string;
  /** The top-level help's description (lines after the first are continuation lines). */
  summary: string;
  /** The paragraph of `makescope NAME --help`. */
  description: string;
  options: readonly OptionSpec[];
  exitCodes: string;
  load(): Promise<CommandModule>;
}

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: 'Show this help.' };

const COLUMN = 27;

/** `left` padded to the help column, then `text` with its continuation lines indented to that column. */
export function helpRow(left: string, text: string): string {
  const [first, ...rest] = text.split('\n');
  const head =
    left.length + 1 < COLUMN ? left.padEnd(COLUMN) + first : `${left}\n${' '.repeat(COLUMN)}${first}`;
  return [head, ...rest.map((line) => ' '.repeat(COLUMN) + line)].join('\n');
}

function optionRow(option: OptionSpec): string {
  const flag = option.short ? `  -${option.short}, --${option.name}` : `      --${option.name}`;
  return helpRow(option.value ? `${flag} ${option.value}` : flag, option.help);
}

export function usageLine(command: CommandSpec): string {
  return `Usage: makescope ${command.name}${command.operands ? ` ${command.operands}` : ''} [options]`;
}

/** `makescope NAME --help`. */
export function commandHelp(command: CommandSpec): string {
  const options = [...command.options, HELP_OPTION].filter((option) => option.help !== '');
  return [
    usageLine(command),
    '',
    command.description.trimEnd(),
    '',
    'Options:',
    ...options.map(optionRow),
    '',
    `Exit codes: ${command.exitCodes}`,
    '',
  ].join('\n');
}
