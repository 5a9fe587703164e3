// Entry point of the `makescope` command line tool; Ctrl-C cancels the probe (make's whole process group).
import { runCli } from './cli';

/** The status of a command killed by SIGPIPE, as a shell reports it (128 + 13). */
const CLOSED_PIPE_EXIT = 141;

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

// A reader that stops early (`makescope vars | head`) closes the pipe: Node reports the next write as an error
// event, which would print a stack trace. Stop the probe and end as the tools around it do (quietly, status 141).
let pipeClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  if (pipeClosed) return;
  pipeClosed = true;
  controller.abort();
  process.exitCode = CLOSED_PIPE_EXIT;
});

runCli(process.argv.slice(2), process.stdout, process.stderr, controller.signal).then(
  (code) => {
    process.exitCode = pipeClosed ? CLOSED_PIPE_EXIT : code;
  },
  (error: unknown) => {
    process.stderr.write(`makescope: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
