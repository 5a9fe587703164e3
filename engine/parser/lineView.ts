// A logical line (physical lines joined by backslash-newline) as text to scan, mapped back to source offsets.
import type { Position, Range, Word } from './ast';
import { LineWord } from './lineSpans';
import { lastAtOrBefore } from './sortedSearch';
import { backslashesBefore } from './scan';
import type { LineTable } from './lineTable';

/**
 * Scanners work on `text[start, end)`. A logical line made of one physical line is scanned in the
 * source itself (no copy); a continued line is collapsed the way make does for non-recipe lines and
 * `toSource` maps its offsets back.
 */
export class LineView {
  constructor(
    readonly table: LineTable,
    readonly text: string,
    public start: number,
    public end: number,
    /** Logical start of each collapsed piece, or null when `text` is the source itself. */
    private readonly pieceStarts: number[] | null = null,
    private readonly pieceSources: number[] | null = null,
    private readonly pieceLengths: number[] | null = null,
  ) {}

  toSource(offset: number): number {
    const starts = this.pieceStarts;
    if (starts === null) return offset;
    const sources = this.pieceSources as number[];
    const lengths = this.pieceLengths as number[];
    const lo = lastAtOrBefore(starts, offset);
    // Offsets on a joining space map to the end of the piece before it.
    const within = offset - starts[lo];
    return sources[lo] + (within < lengths[lo] ? within : lengths[lo]);
  }

  /** Index of the first `#` in `text[start, end)`, or -1. */
  indexOfHash(start: number, end: number): number {
    if (this.pieceStarts === null) return this.table.hashes.indexIn(start, end);
    return nativeIndexIn(this.text, '#', start, end);
  }

  /** Index of the first `$` in `text[start, end)`, or -1. */
  indexOfDollar(start: number, end: number): number {
    if (this.pieceStarts === null) return this.table.dollars.indexIn(start, end);
    return nativeIndexIn(this.text, '$', start, end);
  }

  /** Index of the first `=` in `text[start, end)`, or -1. */
  indexOfEquals(start: number, end: number): number {
    if (this.pieceStarts === null) return this.table.equals.indexIn(start, end);
    return nativeIndexIn(this.text, '=', start, end);
  }

  position(offset: number): Position {
    return this.table.position(this.pieceStarts === null ? offset : this.toSource(offset));
  }

  range(start: number, end: number): Range {
    const table = this.table;
    if (this.pieceStarts === null) return table.range(start, end);
    return table.range(this.toSource(start), this.toSource(end));
  }

  /**
   * The source offset of `text[start, end)` when that span is written as-is on one source line
   * (so its range follows from its start and length), or -1.
   */
  sameLineStart(start: number, end: number): number {
    let from = start;
    if (this.pieceStarts !== null) {
      from = this.toSource(start);
      if (this.toSource(end) - from !== end - start) return -1;
    }
    return this.table.onOneLine(from, from + end - start) ? from : -1;
  }

  /** The word `text[start, end)`, its range computed only when asked for whenever it sits on one line. */
  word(start: number, end: number): Word {
    const text = this.text.slice(start, end);
    const from = this.sameLineStart(start, end);
    if (from < 0) return { text, range: this.range(start, end) };
    const line = this.table.lineOf(from);
    return new LineWord(text, line, from - this.table.starts[line]);
  }
}

/**
 * Native indexOf in a collapsed line's own text: a search may run past `end`, but only to the end
 * of that one logical line, and each scanner asks a line for a few spans, or for spans in order.
 */
function nativeIndexIn(text: string, char: string, start: number, end: number): number {
  const at = text.indexOf(char, start);
  return at < end ? at : -1;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** The raw source span of physical lines [first, last], continuations kept as written. */
export function rawView(table: LineTable, first: number, last: number): LineView {
  return new LineView(table, table.text, table.starts[first], table.ends[last]);
}

/** The whole source, for spans that are scanned as written. */
export function sourceView(table: LineTable): LineView {
  return new LineView(table, table.text, 0, table.text.length);
}

/**
 * Collapses physical lines [first, last] as GNU make does outside recipes: each backslash-newline
 * and the blanks around it become one space, and backslash pairs before the newline are halved.
 */
export function collapsedView(table: LineTable, first: number, last: number): LineView {
  if (first === last) return rawView(table, first, last);
  const text = table.text;
  const parts: string[] = [];
  const pieceStarts: number[] = [];
  const pieceSources: number[] = [];
  const pieceLengths: number[] = [];
  let length = 0;
  let pending = false;
  for (let line = first; line <= last; line++) {
    let s = table.starts[line];
    let e = table.ends[line];
    let kept = '';
    if (line > first) {
      pending = true;
      while (s < e && isBlank(text.charCodeAt(s))) s++;
    }
    if (line < last) {
      const backslashes = backslashesBefore(text, e, s);
      e -= backslashes;
      if (backslashes > 1) kept = '\\'.repeat((backslashes - 1) >> 1);
      else while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    }
    if (e > s || kept.length > 0) {
      if (pending) {
        parts.push(' ');
        length++;
        pending = false;
      }
      pieceStarts.push(length);
      pieceSources.push(s);
      pieceLengths.push(e - s + kept.length);
      parts.push(kept.length > 0 ? text.slice(s, e) + kept : text.slice(s, e));
      length += e - s + kept.length;
    } else if (line === first) {
      pieceStarts.push(0);
      pieceSources.push(s);
      pieceLengths.push(0);
    }
  }
  if (pending) {
    parts.push(' ');
    length++;
  }
  if (pieceStarts.length === 0 || pieceStarts[0] !== 0) {
    pieceStarts.unshift(0);
    pieceSources.unshift(table.starts[first]);
    pieceLengths.unshift(0);
  }
  const joined = parts.join('');
  return new LineView(table, joined, 0, joined.length, pieceStarts, pieceSources, pieceLengths);
}
