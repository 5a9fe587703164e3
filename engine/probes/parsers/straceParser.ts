// Pure parser for `strace -f -q -ttt -e trace=execve` output: the commands make ran while reading, timed.
export interface TimedCommand {
  command: string;
  startSeconds: number;
  durationMs: number;
  exitStatus?: number;
}

interface ProcessSpan {
  pid: number;
  argv: string[];
  start: number;
  end?: number;
  exitStatus?: number;
}

const EXECVE = /^(\d+) +(\d+\.\d+) execve\("[^"]*", (\[.*?\]), .*\) = 0$/;
const EXITED = /^(\d+) +(\d+\.\d+) \+\+\+ exited with (\d+) \+\+\+$/;
const KILLED = /^(\d+) +(\d+\.\d+) \+\+\+ killed by /;

function parseArgv(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [text];
  } catch {
    return [text.slice(1, -1)];
  }
}

/** The command a shell or direct exec ran: `sh -c CMD` gives CMD, anything else its argv joined. */
function commandOf(argv: string[]): string {
  const dashC = argv.indexOf('-c');
  if (dashC >= 0 && /(^|\/)(ba|da|z)?sh$/.test(argv[0] ?? '')) return argv.slice(dashC + 1).join(' ');
  return argv.join(' ');
}

/**
 * Commands started directly by make (the first process traced): every other process that starts
 * while one of them runs is its descendant and is folded into it. make runs parse-time $(shell)
 * calls one after the other, so they never overlap.
 */
export function parseStraceCommands(output: string): TimedCommand[] {
  const spans = new Map<number, ProcessSpan>();
  let makePid: number | undefined;
  for (const line of output.split('\n')) {
    const exec = EXECVE.exec(line);
    if (exec) {
      const pid = Number(exec[1]);
      makePid ??= pid;
      if (!spans.has(pid)) spans.set(pid, { pid, argv: parseArgv(exec[3]), start: Number(exec[2]) });
      continue;
    }
    const exited = EXITED.exec(line) ?? KILLED.exec(line);
    if (exited) {
      const span = spans.get(Number(exited[1]));
      if (span) {
        span.end = Number(exited[2]);
        if (exited[3] !== undefined && !line.includes('killed')) span.exitStatus = Number(exited[3]);
      }
    }
  }
  const commands: TimedCommand[] = [];
  let busyUntil = -Infinity;
  for (const span of [...spans.values()].sort((a, b) => a.start - b.start)) {
    if (span.pid === makePid || span.start < busyUntil) continue;
    const end = span.end ?? span.start;
    busyUntil = end;
    commands.push({
      command: commandOf(span.argv),
      startSeconds: span.start,
      durationMs: (end - span.start) * 1000,
      exitStatus: span.exitStatus,
    });
  }
  return commands;
}
