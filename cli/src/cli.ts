// The `makescope` command: parses the command line and dispatches to a subcommand.
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../server/src/version';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const HELP = `${PRODUCT_NAME} ${PRODUCT_VERSION} - diagnose GNU Make builds without changing anything.

Usage: makescope <command> [options] [--] [TARGET...]

Commands:
  help                 Show this help.

Options:
  -h, --help           Show this help.
  -V, --version        Print the version.

Exit codes:
  0  converged / clean
  1  a finding (stale targets, differences)
  2  an error (bad arguments, make missing or failing)
`;

export async function runCli(argv: string[], stdout: Output, stderr: Output): Promise<number> {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    stdout.write(HELP);
    return 0;
  }
  if (argv[0] === '-V' || argv[0] === '--version') {
    stdout.write(`makescope ${PRODUCT_VERSION}\n`);
    return 0;
  }
  stderr.write(`makescope: unknown command '${argv[0]}'. Run 'makescope --help' for the list.\n`);
  return 2;
}
