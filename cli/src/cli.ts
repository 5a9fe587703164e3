// The `makescope` command: finds the command in the table, prints help, or loads and runs the command's code.
// One error path: a usage error or a probe error is one line on stderr and exit code 2.
import { ProbeError } from '../../engine/probes/probeOptions';
import { PRODUCT_VERSION } from '../../engine/version';
import { findCommand } from './commandTable';
import { commandHelp, usageLine, type Output } from './commandSpec';
import { readCommandLine, UsageError } from './options';
import { topLevelHelp } from './topLevelHelp';

export type { Output } from './commandSpec';

/** Whether `-h`/`--help` is among the options (not after `--`, where it would be a target). */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

export async function runCli(
  argv: string[],
  stdout: Output,
  stderr: Output,
  signal?: AbortSignal,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    stdout.write(topLevelHelp());
    return 0;
  }
  if (name === '-V' || name === '--version') {
    stdout.write(`makescope ${PRODUCT_VERSION}\n`);
    return 0;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      stdout.write(topLevelHelp());
      return 0;
    }
    const command = findCommand(rest[0]);
    if (!command) return fail(stderr, `unknown command '${rest[0]}'. Run 'makescope --help' for the list.`);
    stdout.write(commandHelp(command));
    return 0;
  }
  const command = findCommand(name);
  if (!command) return fail(stderr, `unknown command '${name}'. Run 'makescope --help' for the list.`);
  if (asksForHelp(rest)) {
    stdout.write(commandHelp(command));
    return 0;
  }
  try {
    const commandLine = readCommandLine(rest, command.options);
    const code = await command.load();
    return await code.run(commandLine, { stdout, stderr, signal });
  } catch (error) {
    if (error instanceof UsageError)
      return fail(
        stderr,
        `${error.message}; ${usageLine(command).replace('Usage: ', 'usage: ')} ('makescope help ${command.name}' lists them)`,
      );
    if (error instanceof ProbeError) return fail(stderr, error.message);
    throw error;
  }
}

function fail(stderr: Output, message: string): number {
  stderr.write(`makescope: ${message}\n`);
  return 2;
}
