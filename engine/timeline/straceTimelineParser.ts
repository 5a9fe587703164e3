// Reads an `strace -f -ttt -v` log into one span per target per make level, and each make's reading of its makefiles
// (with the directory that make reports, to find the makefiles it read in its database).
import { SPAN_ENV, parseSpanValue } from './spanEnvironment';
import type { ParsedTimeline, ReadSpan, TargetSpan } from './timelineTypes';

const LINE = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;
const SPAN_VALUE = new RegExp(`"${SPAN_ENV}=([^"]*)"`);
const CLONE_CHILD = /^(?:clone3?|fork|vfork)\(.*\)\s+=\s+(\d+)/;
const RESUMED_CHILD = /^<\.\.\. (?:clone3?|fork|vfork) resumed>.*\)\s+=\s+(\d+)/;
const PROGRAM = /^execve\("([^"]*)"/;
const MAKE_LEVEL = /"MAKELEVEL=(\d+)"/;
/** make asks where it is at its start and again after -C: its CURDIR (the answer comes when the call returns). */
const GETCWD = /^(?:getcwd\(|<\.\.\. getcwd resumed>)"((?:[^"\\]|\\.)*)", \d+\)\s+=\s+\d+/;

interface ProcessRecord {
  span?: string;
  start: number;
  end: number;
  parent?: number;
}

export class StraceTimelineParser {
  private readonly processes = new Map<number, ProcessRecord>();
  /** Reads still open, by the pid of the make doing them. */
  private readonly reading = new Map<number, ReadSpan>();
  private readonly reads: ReadSpan[] = [];
  private first = Infinity;
  private last = -Infinity;

  /** @param makeNames the file names make runs under (`make`, or the basename of --make). */
  constructor(private readonly makeNames: readonly string[] = ['make']) {}

  line(text: string): void {
    const match = LINE.exec(text);
    if (!match) return;
    const pid = Number(match[1]);
    const time = Number(match[2]);
    const rest = match[3];
    this.first = Math.min(this.first, time);
    this.last = Math.max(this.last, time);
    const record = this.processes.get(pid) ?? { start: time, end: time };
    this.processes.set(pid, record);
    record.end = Math.max(record.end, time);
    if (rest.startsWith('execve(') && !/= -\d/.test(rest)) {
      const value = SPAN_VALUE.exec(rest);
      record.span = value ? value[1] : undefined;
      record.start = Math.min(record.start, time);
      this.closeParentRead(record);
      this.openRead(pid, time, rest);
      return;
    }
    if (rest.startsWith('exit_group(')) this.closeRead(pid, time);
    if (rest.startsWith('getcwd(') || rest.startsWith('<... getcwd resumed>')) this.noteDirectory(pid, rest);
    const child = CLONE_CHILD.exec(rest) ?? RESUMED_CHILD.exec(rest);
    if (child) {
      const childPid = Number(child[1]);
      const known = this.processes.get(childPid);
      // A child inherits its parent's environment until it runs a program of its own.
      if (known) {
        known.span ??= record.span;
        known.parent = pid;
        // A vforked child can run its program before the fork returns in the log.
        this.closeParentRead(known);
      } else this.processes.set(childPid, { span: record.span, start: time, end: time, parent: pid });
    }
  }

  /** A make program starting (or re-executing after remaking a makefile) begins to read its makefiles. */
  private openRead(pid: number, time: number, execve: string): void {
    this.closeRead(pid, time);
    const program = PROGRAM.exec(execve)?.[1] ?? '';
    if (!this.makeNames.includes(program.slice(program.lastIndexOf('/') + 1))) return;
    const level = Number(MAKE_LEVEL.exec(execve)?.[1] ?? 0);
    const read: ReadSpan = { level, start: time, end: time, pid, makefiles: [] };
    this.reading.set(pid, read);
    this.reads.push(read);
  }

  /**
   * The first recipe of a make ends its read (forked when it was read). A `$(shell)` child of a
   * sub-make carries the span of the recipe that started the sub-make, one level up: not a recipe.
   */
  private closeParentRead(child: ProcessRecord): void {
    if (child.parent === undefined || !child.span) return;
    const read = this.reading.get(child.parent);
    if (read && parseSpanValue(child.span)?.level === read.level) this.closeRead(child.parent, child.start);
  }

  /** The last directory a reading make reports is its CURDIR (strace escapes `"` and `\\` in it). */
  private noteDirectory(pid: number, getcwd: string): void {
    const read = this.reading.get(pid);
    const directory = GETCWD.exec(getcwd)?.[1];
    if (read && directory !== undefined) read.directory = directory.replace(/\\(.)/g, '$1');
  }

  private closeRead(pid: number, time: number): void {
    const read = this.reading.get(pid);
    if (!read) return;
    read.end = Math.max(read.start, time);
    this.reading.delete(pid);
  }

  finish(): ParsedTimeline {
    const spans = new Map<string, TargetSpan>();
    for (const [pid, record] of this.processes) {
      if (!record.span) continue;
      const key = parseSpanValue(record.span);
      if (!key) continue;
      const span = spans.get(record.span);
      if (span) {
        span.start = Math.min(span.start, record.start);
        span.end = Math.max(span.end, record.end);
        span.pids.push(pid);
      } else spans.set(record.span, { ...key, start: record.start, end: record.end, pids: [pid] });
    }
    const first = Number.isFinite(this.first) ? this.first : 0;
    const last = Number.isFinite(this.last) ? this.last : 0;
    for (const pid of [...this.reading.keys()]) this.closeRead(pid, this.processes.get(pid)?.end ?? last);
    const relative = [...spans.values()].map((span) => ({
      ...span,
      start: span.start - first,
      end: span.end - first,
    }));
    relative.sort((a, b) => a.start - b.start || a.level - b.level);
    const reads = this.reads.map((read) => ({ ...read, start: read.start - first, end: read.end - first }));
    return { first, last, spans: relative, reads };
  }
}
