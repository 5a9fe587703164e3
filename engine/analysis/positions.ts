// Comparisons of LSP-shaped positions and ranges, used to find what lies under the cursor.
import type { Position, Range } from '../parser/ast';

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** True when `position` is inside `range`, both ends included (a cursor just after a word counts). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** The smaller of two ranges that both contain a position is the more specific one. */
export function rangeIsInside(inner: Range, outer: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}
