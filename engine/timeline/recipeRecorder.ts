// The timeline's recorder without ptrace: make runs every recipe line through a small script in the recipe's own
// shell, which reports the line's start and end to a FIFO; the probe stamps each report as it arrives.
import { closeSync, constants, openSync, writeFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import * as path from 'node:path';
import { runProcess } from '../probes/exec';
import { LineSplitter } from '../probes/parsers/lineSplitter';
import { ProbeError } from '../probes/probeOptions';
import { SPAN_ENV } from './spanEnvironment';

/** One report, with the time the probe read it (seconds on a monotonic clock). */
export interface StampedLine {
  time: number;
  line: string;
}

const END = 'END';

/** A shell word that stands for `text` as is. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * make runs `$(SHELL) <script> $(.SHELLFLAGS) 'line'`, so the user's shell reads the script: the line runs in that
 * shell, with the options .SHELLFLAGS gives (-c dropped, bash's -O as shopt), after a start report (its pid, make's
 * pid, the span) and before an end report (pid, status) from the EXIT trap, which `set -e` and `exit` also run.
 */
function script(fifo: string): string {
  return `# Makescope's timeline recorder, written for one build and removed after it.
__makescope_fifo=${quoted(fifo)}
eval "__makescope_line=\\\${$#}"
__makescope_set=
while [ $# -gt 1 ]; do
  case $1 in
    -c) ;;
    -O|+O) if [ -n "\${BASH_VERSION-}" ]; then if [ "$1" = -O ]; then shopt -s "$2"; else shopt -u "$2"; fi; fi; shift ;;
    -o|+o) __makescope_set="$__makescope_set $1 $2"; shift ;;
    -*c*|+*c*) __makescope_set="$__makescope_set \${1%%c*}\${1#*c}" ;;
    *) __makescope_set="$__makescope_set $1" ;;
  esac
  shift
done
printf 'S %s %s %s\\n' "$$" "$PPID" "\${${SPAN_ENV}-}" > "$__makescope_fifo"
trap 'printf "E %s %s\\n" "$$" "$?" > "$__makescope_fifo"' EXIT
set --
if [ -n "$__makescope_set" ]; then eval "command set $__makescope_set"; fi
unset __makescope_set
eval "$__makescope_line"
`;
}

export interface RecipeRecorder {
  /** make's arguments that route every recipe line through the script and report each make's start. */
  makeArgs: string[];
  /** Stops reading once every report written before this call has arrived. */
  finish(): Promise<StampedLine[]>;
  /** Stops reading now (after a failure). */
  dispose(): void;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/**
 * Makes the FIFO and the script in `folder` (visible to the build at the same path) and starts reading. The
 * reader holds the FIFO open for writing too, so a report never blocks and the reading never sees an end.
 */
export async function startRecipeRecorder(folder: string, signal?: AbortSignal): Promise<RecipeRecorder> {
  const fifo = path.join(folder, 'recipes.fifo');
  const file = path.join(folder, 'recipe-recorder.sh');
  // make splits SHELL on blanks: the script's path must be one word.
  if (/[\s'"\\$]/.test(file))
    throw new ProbeError(
      `the timeline's recorder cannot run from ${folder} (a blank or quote in the path)`,
      'refused',
    );
  const made = await runProcess({
    file: 'mkfifo',
    args: ['-m', '600', fifo],
    cwd: folder,
    timeoutMs: 10_000,
    maxOutputBytes: 64 * 1024,
    signal,
  });
  if (made.outcome !== 'exited' || made.exitCode !== 0)
    throw new ProbeError(`mkfifo ${fifo}: ${(made.stderr || made.message || '').trim()}`, 'refused');
  await writeFile(file, script(fifo));
  await chmod(file, 0o644);
  const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  const socket = new Socket({ fd, readable: true, writable: false });
  const lines: StampedLine[] = [];
  let ended: (() => void) | undefined;
  let failed: Error | undefined;
  let time = 0;
  const splitter = new LineSplitter((line) => {
    if (line === END) ended?.();
    else lines.push({ time, line });
  });
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    time = now();
    splitter.push(chunk);
  });
  socket.on('error', (error) => {
    failed = error;
    ended?.();
  });
  const dispose = (): void => void socket.destroy();
  const rule = `%: private SHELL += ${file}`;
  // Each make reports its pid, its parent's (the 4th field of /proc/PID/stat: the recipe line that ran it), its
  // level and CURDIR when --eval runs: before it reads a makefile. No `)` in the shell text: it would end $(shell.
  const parent = `read -r s < /proc/$$PPID/stat 2>/dev/null; set -- $$s`;
  const started = `$(shell ${parent}; printf 'R %s %s %s %s\\n' "$$PPID" "$$4" '$(MAKELEVEL)' '$(subst ','\\'',$(CURDIR))' > ${quoted(fifo)})`;
  return {
    makeArgs: [`--eval=${rule}`, `--eval=${started}`],
    finish: async () => {
      const done = new Promise<void>((resolve) => (ended = resolve));
      // Written after make exited: every report is ahead of it in the FIFO.
      const writer = openSync(fifo, constants.O_WRONLY);
      try {
        writeFileSync(writer, `${END}\n`);
      } finally {
        closeSync(writer);
      }
      await done;
      dispose();
      if (failed) throw new ProbeError(`reading the recipes' reports: ${failed.message}`, 'refused');
      return lines;
    },
    dispose,
  };
}
