// Entry point of the `makescope` command line tool; Ctrl-C cancels the probe (make's whole process group).
import { runCli } from './cli';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

runCli(process.argv.slice(2), process.stdout, process.stderr, controller.signal).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`makescope: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
