// Physical lines of a text (LF, CRLF or lone CR) and conversion of offsets to LSP positions.
import type { Position, Range } from './ast';

export class LineTable {
  /** Offset where each physical line starts. */
  readonly starts: number[] = [];
  /** Offset where each line's content ends: before its terminator, or at its first NUL. */
  readonly ends: number[] = [];
  /** Offset of the first NUL byte in the text, or -1. */
  readonly firstNul: number;
  private cached = 0;
  private readonly lineStarts: (Position | undefined)[];

  constructor(readonly text: string) {
    const starts = this.starts;
    const ends = this.ends;
    const length = text.length;
    if (text.indexOf('\r') < 0) {
      // The common case: one indexOf per line is far faster than a char loop.
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        starts.push(start);
        if (nl < 0) {
          ends.push(length);
          break;
        }
        ends.push(nl);
        start = nl + 1;
      }
    } else {
      let start = 0;
      let i = 0;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          starts.push(start);
          ends.push(i);
          if (c === 13 && i + 1 < length && text.charCodeAt(i + 1) === 10) i++;
          start = i + 1;
        }
      }
      starts.push(start);
      ends.push(length);
    }
    this.lineStarts = new Array<Position | undefined>(starts.length);
    this.firstNul = text.indexOf('\0');
    if (this.firstNul >= 0) this.truncateAtNul();
  }

  /** Last physical line of the logical line starting at `first`: a line ending in an odd run of backslashes continues. */
  logicalLineEnd(first: number): number {
    const { text, starts, ends } = this;
    let line = first;
    while (line + 1 < starts.length) {
      const start = starts[line];
      let i = ends[line];
      while (i > start && text.charCodeAt(i - 1) === 92) i--;
      if (((ends[line] - i) & 1) === 0) break;
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
    let line = this.cached;
    // Lookups are mostly sequential, so the previous answer or its successor usually fits.
    if (offset >= starts[line] && (line + 1 >= starts.length || offset < starts[line + 1])) return line;
    if (
      line + 1 < starts.length &&
      offset >= starts[line + 1] &&
      (line + 2 >= starts.length || offset < starts[line + 2])
    ) {
      this.cached = line + 1;
      return line + 1;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    line = lo;
    this.cached = line;
    return line;
  }

  /**
   * Positions at the start of a line are shared: most statements start there, and every object
   * saved is garbage-collector work saved. Treat positions (like the whole tree) as read-only.
   */
  position(offset: number): Position {
    const line = this.lineOf(offset);
    const character = offset - this.starts[line];
    if (character === 0) return this.lineStart(line);
    return { line, character };
  }

  private lineStart(line: number): Position {
    let position = this.lineStarts[line];
    if (position === undefined) {
      position = { line, character: 0 };
      this.lineStarts[line] = position;
    }
    return position;
  }

  range(start: number, end: number): Range {
    const startPosition = this.position(start);
    const line = startPosition.line;
    // Most ranges lie on one line: skip the second lookup.
    if (end >= start && (line + 1 >= this.starts.length || end < this.starts[line + 1])) {
      const character = end - this.starts[line];
      if (character === startPosition.character) return { start: startPosition, end: startPosition };
      return { start: startPosition, end: { line, character } };
    }
    return { start: startPosition, end: this.position(end) };
  }
}
