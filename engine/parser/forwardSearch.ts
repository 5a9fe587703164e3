// Finds one character in the source with native indexOf while keeping every parse linear.
import { indexOfCode } from './scan';

/**
 * Looks for `char` in spans of `text`. The parser asks for spans in source order, so the answer
 * of one native indexOf (far faster than a charCodeAt loop) serves every span up to it, and the
 * text is searched once in all. A span before the last search gets a plain bounded scan: an
 * unbounded indexOf there could run far past the span, again and again on a hostile file.
 */
export class ForwardSearch {
  private readonly code: number;
  /** Where the last native search started, and what it found (`text.length` for nothing). */
  private from = 0;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {
    this.code = char.charCodeAt(0);
  }

  /** Index of the first `char` in `text[start, end)`, or -1. */
  indexIn(start: number, end: number): number {
    if (start < this.from) return indexOfCode(this.text, this.code, start, end);
    if (this.found < start) {
      // `found` lies before the span: no answer yet for it (nothing lies between `from` and `found`).
      const at = this.text.indexOf(this.char, start);
      this.from = start;
      this.found = at < 0 ? this.text.length : at;
    }
    return this.found < end ? this.found : -1;
  }
}
