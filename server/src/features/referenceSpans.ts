// Where each reference of a file starts and ends, read once per request from its range: a reference's
// range is a new object on every read (the parser keeps columns), and the recipe features compare many.
import type { Reference } from '../../../engine/parser/ast';

/** Spans of `references`, which the parser lists in source order (by where each starts). */
export class ReferenceSpans {
  readonly count: number;
  readonly startLine: Int32Array;
  readonly startCharacter: Int32Array;
  readonly endLine: Int32Array;
  readonly endCharacter: Int32Array;

  constructor(references: readonly Reference[]) {
    this.count = references.length;
    this.startLine = new Int32Array(this.count);
    this.startCharacter = new Int32Array(this.count);
    this.endLine = new Int32Array(this.count);
    this.endCharacter = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const { start, end } = references[i].range;
      this.startLine[i] = start.line;
      this.startCharacter[i] = start.character;
      this.endLine[i] = end.line;
      this.endCharacter[i] = end.character;
    }
  }

  /** Reference `i` starts before `line`:`character`. */
  startsBefore(i: number, line: number, character: number): boolean {
    return this.startLine[i] < line || (this.startLine[i] === line && this.startCharacter[i] < character);
  }

  /** Reference `i` starts at or before `line`:`character`. */
  startsBy(i: number, line: number, character: number): boolean {
    return this.startLine[i] < line || (this.startLine[i] === line && this.startCharacter[i] <= character);
  }

  /** The first reference starting at or after `line`:`character` (`count` when none does). */
  firstFrom(line: number, character: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.startsBefore(middle, line, character)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Reference `i` ends at or before `line`:`character`. */
  endsBy(i: number, line: number, character: number): boolean {
    return this.endLine[i] < line || (this.endLine[i] === line && this.endCharacter[i] <= character);
  }
}
