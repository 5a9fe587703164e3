// Entry point of the `makescope` command line tool.
import { runCli } from './cli';

runCli(process.argv.slice(2), process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`makescope: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
