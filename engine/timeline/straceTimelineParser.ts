// Reads an `strace -f -ttt -v` log into one span per target per make level.
import { SPAN_ENV, parseSpanValue } from './spanEnvironment';
import type { TargetSpan } from './timelineTypes';

const LINE = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;
const SPAN_VALUE = new RegExp(`"${SPAN_ENV}=([^"]*)"`);
const CLONE_CHILD = /^(?:clone3?|fork|vfork)\(.*\)\s+=\s+(\d+)/;
const RESUMED_CHILD = /^<\.\.\. (?:clone3?|fork|vfork) resumed>.*\)\s+=\s+(\d+)/;

interface ProcessRecord {
  span?: string;
  start: number;
  end: number;
}

export interface ParsedTimeline {
  /** First and last timestamp of the log (seconds since the epoch). */
  first: number;
  last: number;
  spans: TargetSpan[];
}

export class StraceTimelineParser {
  private readonly processes = new Map<number, ProcessRecord>();
  private first = Infinity;
  private last = -Infinity;

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
      return;
    }
    const child = CLONE_CHILD.exec(rest) ?? RESUMED_CHILD.exec(rest);
    if (child) {
      const childPid = Number(child[1]);
      const known = this.processes.get(childPid);
      // A child inherits its parent's environment until it runs a program of its own.
      if (known) known.span ??= record.span;
      else this.processes.set(childPid, { span: record.span, start: time, end: time });
    }
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
    const relative = [...spans.values()].map((span) => ({
      ...span,
      start: span.start - first,
      end: span.end - first,
    }));
    relative.sort((a, b) => a.start - b.start || a.level - b.level);
    return { first, last, spans: relative };
  }
}
