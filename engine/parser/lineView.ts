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
  /**
   * For a collapsed line, its pieces as triples (logical start, source offset, length) in
   * `pieces[0, 3 * pieceCount)`; null when `text` is the source itself.
   */
  private pieces: Int32Array | null = null;
  private pieceCount = 0;
  /** The physical line the view is (onLine), or -1: words and references then need no line lookup. */
  private line = -1;
  private lineStart = 0;

  constructor(
    readonly table: LineTable,
    public text: string,
    public start: number,
    public end: number,
  ) {}

  /** Makes this view the whole of physical line `line`, as written. */
  onLine(line: number): this {
    const table = this.table;
    this.line = line;
    this.lineStart = table.starts[line];
    this.start = this.lineStart;
    this.end = table.ends[line];
    return this;
  }

  /** The physical line of source offset `from`, which lies in this view. */
  lineOfSource(from: number): number {
    return this.line >= 0 ? this.line : this.table.lineOf(from);
  }

  toSource(offset: number): number {
    const pieces = this.pieces;
    if (pieces === null) return offset;
    // The last piece starting at or before `offset` (the first piece starts at 0).
    const lo = lastAtOrBefore(pieces, offset, this.pieceCount, 3);
    // Offsets on a joining space map to the end of the piece before it.
    const within = offset - pieces[3 * lo];
    const length = pieces[3 * lo + 2];
    return pieces[3 * lo + 1] + (within < length ? within : length);
  }

  /**
   * Makes this view physical lines [first, last] collapsed as GNU make does outside recipes: each
   * backslash-newline and the blanks around it become one space, and backslash pairs before the
   * newline are halved. The parser keeps one such view for all its continued lines, so a line
   * costs its collapsed text and nothing else.
   */
  collapse(first: number, last: number): this {
    const table = this.table;
    const text = table.text;
    const parts = collapseParts;
    let partCount = 0;
    if (this.pieces === null) this.pieces = new Int32Array(24);
    this.pieceCount = 0;
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
          parts[partCount++] = ' ';
          length++;
          pending = false;
        }
        this.addPiece(length, s, e - s + kept.length);
        parts[partCount++] = kept.length > 0 ? text.slice(s, e) + kept : text.slice(s, e);
        length += e - s + kept.length;
      } else if (line === first) this.addPiece(0, s, 0);
    }
    if (pending) {
      parts[partCount++] = ' ';
      length++;
    }
    // Exact length for join(): a short buffer is never trimmed by this, so it is reused as is.
    parts.length = partCount;
    const joined = parts.join('');
    // Drop the pieces' strings so the buffer keeps no slice (and no source text) alive.
    parts.fill('');
    this.text = joined;
    this.start = 0;
    this.end = joined.length;
    return this;
  }

  private addPiece(logical: number, source: number, length: number): void {
    let pieces = this.pieces as Int32Array;
    const at = 3 * this.pieceCount;
    if (at + 3 > pieces.length) {
      const bigger = new Int32Array(pieces.length * 2);
      bigger.set(pieces);
      this.pieces = pieces = bigger;
    }
    pieces[at] = logical;
    pieces[at + 1] = source;
    pieces[at + 2] = length;
    this.pieceCount++;
  }

  /** Index of the first `#` in `text[start, end)`, or -1. */
  indexOfHash(start: number, end: number): number {
    if (this.pieces === null) return this.table.hashes.indexIn(start, end);
    return nativeIndexIn(this.text, '#', start, end);
  }

  /** Index of the first `$` in `text[start, end)`, or -1. */
  indexOfDollar(start: number, end: number): number {
    if (this.pieces === null) return this.table.dollars.indexIn(start, end);
    return nativeIndexIn(this.text, '$', start, end);
  }

  /** Index of the first `=` in `text[start, end)`, or -1. */
  indexOfEquals(start: number, end: number): number {
    if (this.pieces === null) return this.table.equals.indexIn(start, end);
    return nativeIndexIn(this.text, '=', start, end);
  }

  position(offset: number): Position {
    return this.table.position(this.pieces === null ? offset : this.toSource(offset));
  }

  range(start: number, end: number): Range {
    const table = this.table;
    if (this.pieces === null) return table.range(start, end);
    return table.range(this.toSource(start), this.toSource(end));
  }

  /**
   * The source offset of `text[start, end)` when that span is written as-is on one source line
   * (so its range follows from its start and length), or -1.
   */
  sameLineStart(start: number, end: number): number {
    if (this.line >= 0) return start;
    let from = start;
    if (this.pieces !== null) {
      from = this.toSource(start);
      if (this.toSource(end) - from !== end - start) return -1;
    }
    return this.table.onOneLine(from, from + end - start) ? from : -1;
  }

  /** The word `text[start, end)`, its range computed only when asked for whenever it sits on one line. */
  word(start: number, end: number): Word {
    const text = this.text.slice(start, end);
    if (this.line >= 0) return new LineWord(text, this.line, start - this.lineStart);
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

/** Physical lines [first, last] collapsed as make reads them outside recipes (LineView.collapse). */
export function collapsedView(table: LineTable, first: number, last: number): LineView {
  if (first === last) return rawView(table, first, last);
  return new LineView(table, table.text, 0, 0).collapse(first, last);
}

/** The pieces of the line being collapsed, joined at the end (one buffer for every line). */
const collapseParts: string[] = [];
