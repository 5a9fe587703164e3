// Physical lines of a text (LF, CRLF or lone CR) and conversion of offsets to LSP positions.
import type { Position, Range } from './ast';
import { ForwardSearch } from './forwardSearch';
import { LineRange, SpanRange } from './lineSpans';
import { lastAtOrBefore } from './sortedSearch';
import { backslashesBefore } from './scan';

const CACHE_MASK = 255;

export class LineTable {
  /** Offset where each physical line starts. */
  readonly starts: Int32Array;
  /** Offset where each line's content ends: before its terminator, or at its first NUL. */
  readonly ends: Int32Array;
  /** False when the text holds no carriage return (every line ends with LF): nothing to normalise. */
  readonly hasCarriageReturn: boolean;
  /** Offset of the first NUL byte in the text, or -1. */
  readonly firstNul: number;
  /** `#`, `$` and `=` (every assignment operator holds one) are looked for on every line. */
  readonly hashes: ForwardSearch;
  readonly dollars: ForwardSearch;
  readonly equals: ForwardSearch;
  private cached = 0;
  private readonly cachedOffsets = new Int32Array(CACHE_MASK + 1).fill(-1);
  private readonly cachedPositions: Position[] = new Array<Position>(CACHE_MASK + 1);
  private readonly cachedRangeStarts = new Int32Array(CACHE_MASK + 1).fill(-1);
  private readonly cachedRangeEnds = new Int32Array(CACHE_MASK + 1);
  private readonly cachedRanges: Range[] = new Array<Range>(CACHE_MASK + 1);

  constructor(readonly text: string) {
    const lines = new LineOffsets(text.length);
    const length = text.length;
    this.hasCarriageReturn = text.indexOf('\r') >= 0;
    if (!this.hasCarriageReturn) {
      // The common case: one indexOf per line is far faster than a char loop.
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        lines.add(start, nl);
        start = nl + 1;
      }
      lines.add(start, length);
    } else {
      let start = 0;
      let i = 0;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          lines.add(start, i);
          if (c === 13 && i + 1 < length && text.charCodeAt(i + 1) === 10) i++;
          start = i + 1;
        }
      }
      lines.add(start, length);
    }
    this.starts = lines.starts.subarray(0, lines.count);
    this.ends = lines.ends.subarray(0, lines.count);
    this.hashes = new ForwardSearch(text, '#');
    this.dollars = new ForwardSearch(text, '$');
    this.equals = new ForwardSearch(text, '=');
    this.firstNul = text.indexOf('\0');
    if (this.firstNul >= 0) this.truncateAtNul();
  }

  /** Last physical line of the logical line starting at `first`: a line ending in an odd run of backslashes continues. */
  logicalLineEnd(first: number): number {
    const { text, starts, ends } = this;
    let line = first;
    while (line + 1 < starts.length) {
      if ((backslashesBefore(text, ends[line], starts[line]) & 1) === 0) break;
      line++;
    }
    return line;
  }

  get count(): number {
    return this.starts.length;
  }

  /** Make ignores the rest of a line after a NUL byte; so do we. */
  private truncateAtNul(): void {
    let nul = this.firstNul;
    for (let line = 0; line < this.starts.length && nul >= 0; line++) {
      if (nul < this.starts[line]) nul = this.text.indexOf('\0', this.starts[line]);
      if (nul >= 0 && nul < this.ends[line]) this.ends[line] = nul;
    }
  }

  lineOf(offset: number): number {
    const starts = this.starts;
    const last = starts.length - 1;
    let line = this.cached;
    // Lookups mostly stay on the previous answer's line or move a few lines on (blank and comment
    // lines between statements ask for none), so walk a few lines before searching.
    if (offset >= starts[line]) {
      for (let k = 0; k < 8 && line < last && offset >= starts[line + 1]; k++) line++;
      if (line === last || offset < starts[line + 1]) {
        this.cached = line;
        return line;
      }
    }
    line = lastAtOrBefore(starts, offset);
    this.cached = line;
    return line;
  }

  /** True when source offsets `from` and `to` (exclusive end) lie on the same physical line. */
  onOneLine(from: number, to: number): boolean {
    const line = this.lineOf(from);
    return line + 1 >= this.starts.length || to < this.starts[line + 1];
  }

  /**
   * Equal positions are shared through a small direct-mapped cache: a word and the reference it
   * holds, or a statement and its name, often start or end at the same offset, and every object
   * saved is garbage-collector work saved. Treat positions, like the whole tree, as read-only.
   */
  position(offset: number): Position {
    const slot = offset & CACHE_MASK;
    if (this.cachedOffsets[slot] === offset) return this.cachedPositions[slot];
    const line = this.lineOf(offset);
    const position = { line, character: offset - this.starts[line] };
    this.cachedOffsets[slot] = offset;
    this.cachedPositions[slot] = position;
    return position;
  }

  /**
   * Equal ranges are shared the same way: a word that is one reference (`$(OBJS):`) and that
   * reference, or a value that is one reference and its valueRange, span the same offsets.
   */
  range(start: number, end: number): Range {
    const slot = start & CACHE_MASK;
    if (this.cachedRangeStarts[slot] === start && this.cachedRangeEnds[slot] === end)
      return this.cachedRanges[slot];
    const line = this.lineOf(start);
    let range: Range;
    if (line + 1 >= this.starts.length || end < this.starts[line + 1])
      range = new LineRange(line, start - this.starts[line], end - this.starts[line]);
    else {
      // One object, not a Range and its two Positions (a define's body, a value continued over lines).
      const endLine = this.lineOf(end);
      range = new SpanRange(line, start - this.starts[line], endLine, end - this.starts[endLine]);
    }
    this.cachedRangeStarts[slot] = start;
    this.cachedRangeEnds[slot] = end;
    this.cachedRanges[slot] = range;
    return range;
  }
}

/** Line offsets gathered in typed arrays that double when full: cheaper than push() on large files. */
class LineOffsets {
  starts: Int32Array;
  ends: Int32Array;
  count = 0;

  constructor(textLength: number) {
    // Most Makefile lines are longer than 16 characters, so this rarely has to grow.
    const capacity = (textLength >> 4) + 16;
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
