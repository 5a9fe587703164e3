// `makescope --help`: every command of the table with its summary, the shared options and the exit codes.
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../engine/version';
import { COMMAND_TABLE } from './commandTable';
import { helpRow } from './commandSpec';
import { PROJECT_OPTIONS } from './options';

export function topLevelHelp(): string {
  const commands = COMMAND_TABLE.map((command) =>
    helpRow(`  ${command.name}${command.operands ? ` ${command.operands}` : ''}`, command.summary),
  );
  const shared = PROJECT_OPTIONS.filter((option) => option.help !== '').map((option) =>
    helpRow(
      `${option.short ? `  -${option.short}, ` : '      '}--${option.name}${option.value ? ` ${option.value}` : ''}`,
      option.help,
    ),
  );
  return `${PRODUCT_NAME} ${PRODUCT_VERSION} - diagnose GNU Make builds without changing anything.

Usage: makescope <command> [options] [--] [TARGET...]

Commands:
${commands.join('\n')}
${helpRow('  help [COMMAND]', 'Show this help, or the help of COMMAND.')}

Options of every command ('makescope COMMAND --help' lists all of a command's options):
${shared.join('\n')}
${helpRow('      --json', 'Print the result as JSON (every command but evidence and runbook).')}
${helpRow('  -h, --help', 'Show the help (of the command).')}
${helpRow('  -V, --version', 'Print the version.')}

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
}
