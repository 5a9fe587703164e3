// The timeline's recorder without ptrace: make runs every recipe line through a small script in the recipe's own
// shell, which appends the line's start and end to a file; the probe stamps each report as the file changes, no
// later than the kernel's uptime the report carries allows (reportClock.ts).
import { closeSync, openSync, readSync, watch } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter } from '../probes/parsers/lineSplitter';
import { ProbeError } from '../probes/probeOptions';
import { onKernelClock, probeNow, readClockPair } from './reportClock';
import { SPAN_ENV } from './spanEnvironment';

/** One report, with the time the probe read it (seconds on a monotonic clock). */
export interface StampedLine {
  time: number;
  line: string;
}

/** A shell word that stands for `text` as is. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * make runs `$(SHELL) <script> $(.SHELLFLAGS) 'line'`, so the user's shell reads the script: the line runs in that
 * shell, with the options .SHELLFLAGS gives (-c dropped, bash's -O as shopt), after a start report (the uptime, its
 * pid, make's pid, make's parent, the span) and before an end report (the uptime, pid, status) from the EXIT trap,
 * which `set -e` and `exit` also run.
 */
function script(self: string, reports: string): string {
  return `# Makescope's timeline recorder, written for one build and removed after it.
# A sub-make given SHELL='$(SHELL)' runs 'shell <this file>' with this file appended again: skip the repeats.
__makescope_self=${quoted(self)}
while :; do
  if [ "\${1-}" = "$__makescope_self" ]; then shift
  elif [ "\${2-}" = "$__makescope_self" ]; then shift 2
  else break; fi
done
# A recipe's own \$(SHELL) expands to 'shell <this file>' too: run as 'shell <this file> script args' (no option
# first), it is that shell running that script.
case \${1-} in
  -*|+*) ;;
  *) exec "$(readlink /proc/$$/exe)" "$@" ;;
esac
__makescope_reports=${quoted(reports)}
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
# make's parent (the 4th field of /proc/PID/stat): for a sub-make, the recipe line that ran it.
__makescope_parent=
if read -r __makescope_stat < "/proc/$PPID/stat" 2>/dev/null; then set -- $__makescope_stat; __makescope_parent=\${4-}; fi
# Each report carries the kernel's uptime, read just before it: the probe's stamp of its reading can be late.
read -r __makescope_up __makescope_stat 2>/dev/null < /proc/uptime || __makescope_up=-
printf 'S %s %s %s %s %s\\n' "$__makescope_up" "$$" "$PPID" "$__makescope_parent" "\${${SPAN_ENV}-}" >> "$__makescope_reports"
trap '__makescope_status=$?; read -r __makescope_up __makescope_stat 2>/dev/null < /proc/uptime || __makescope_up=-
printf "E %s %s %s\\n" "$__makescope_up" "$$" "$__makescope_status" >> "$__makescope_reports"' EXIT
set --
unset __makescope_stat __makescope_parent __makescope_up
if [ -n "$__makescope_set" ]; then eval "command set $__makescope_set"; fi
unset __makescope_set
eval "$__makescope_line"
`;
}

export interface RecipeRecorder {
  /** make's arguments that route every recipe line through the script and report each make's start. */
  makeArgs: string[];
  /** The script's path, when the recipes' shell reports: a recipe that prints its `$(SHELL)` prints it too. */
  script?: string;
  /** The file the reports are appended to. */
  reports: string;
  /** Reads the last reports and stops (call after make exited): R, S and E without their uptime field. */
  finish(): StampedLine[];
  /** Stops reading now (after a failure). */
  dispose(): void;
}

/** Reads what was appended to a file since the last call, as whole lines, each stamped with the time of the call. */
class AppendedLines {
  private readonly fd: number;
  private offset = 0;
  private readonly buffer = Buffer.alloc(64 * 1024);
  private readonly decoder = new StringDecoder('utf8');
  readonly lines: StampedLine[] = [];
  private time = 0;
  private readonly splitter = new LineSplitter((line) => this.lines.push({ time: this.time, line }));

  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }

  read(time: number): void {
    this.time = time;
    for (;;) {
      const count = readSync(this.fd, this.buffer, 0, this.buffer.length, this.offset);
      if (count === 0) return;
      this.offset += count;
      this.splitter.push(this.decoder.write(this.buffer.subarray(0, count)));
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Writes an empty report file in `folder` (visible to the build at the same path), and the script when the
 * recipes' shell reports (`throughShell`; else the preloaded library writes the jobs' reports to `reports`), and
 * watches the file: each change is read at once and its lines stamped with that moment (inotify, no process of
 * ours to start).
 */
export async function startRecipeRecorder(folder: string, throughShell = true): Promise<RecipeRecorder> {
  const reports = path.join(folder, 'recipes.log');
  const file = path.join(folder, 'recipe-recorder.sh');
  // make splits SHELL on blanks, and reads $(file) names to the first blank: one word each.
  if (/[\s'"\\$]/.test(file))
    throw new ProbeError(
      `the timeline's recorder cannot run from ${folder} (a blank or quote in the path)`,
      'refused',
    );
  if (throughShell) await writeFile(file, script(file, reports), { mode: 0o644 });
  await writeFile(reports, '', { mode: 0o600 });
  const appended = new AppendedLines(reports);
  const pairs = [readClockPair()];
  let failed: Error | undefined;
  const watcher = watch(reports, () => {
    try {
      appended.read(probeNow());
    } catch (error) {
      failed ??= error as Error;
    }
  });
  watcher.on('error', (error) => (failed ??= error));
  let open = true;
  const dispose = (): void => {
    if (!open) return;
    open = false;
    watcher.close();
    appended.close();
  };
  const rule = `%: private SHELL += ${file}`;
  // make expands $(IFS) in the target's context for every recipe line it runs, whatever its SHELL: a report of
  // the line without a process, even where a target's own SHELL keeps the script out (recorderReach.ts). The
  // value stays blank, so nothing else changes.
  const lines = `%: private IFS += $(file >>${reports},L $(MAKELEVEL) $@ $(CURDIR))`;
  // Each make reports its level and CURDIR when --eval runs, before it reads a makefile: $(file) appends without
  // a process (a $(shell) would start one per make); its pid comes with its first recipe line.
  const started = `$(file >>${reports},R $(or $(firstword $(file </proc/uptime)),-) $(MAKELEVEL) $(CURDIR))`;
  return {
    makeArgs: throughShell
      ? [`--eval=${rule}`, `--eval=${lines}`, `--eval=${started}`]
      : [`--eval=${started}`],
    ...(throughShell ? { script: file } : {}),
    reports,
    finish: () => {
      // make has exited: what is left unread was written before now (its change not handled yet).
      if (open) appended.read(probeNow());
      dispose();
      if (failed) throw new ProbeError(`reading the recipes' reports: ${failed.message}`, 'refused');
      pairs.push(readClockPair());
      return onKernelClock(
        appended.lines,
        pairs.filter((pair) => pair !== undefined),
      );
    },
    dispose,
  };
}
