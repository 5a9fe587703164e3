// Where a function call's arguments split: the commas outside nested references and parentheses.
import { DOLLAR } from './scan';

const COMMA = 44;

/** Unmatched plain parentheses per open nested reference, and each one's parenthesis kind (reused). */
const depths: number[] = [];
const opens: number[] = [];

/**
 * Appends to `out` the offsets of the commas in `text[start, end)` that split the arguments of the
 * call whose opening parenthesis is `open` (40 or 123): those at its own level, not inside a nested
 * `$(...)` nor inside plain parentheses of its kind, which make counts. An unclosed nested reference
 * runs to `end`, so commas after it belong to it.
 */
export function argumentCommas(text: string, start: number, end: number, open: number, out: number[]): void {
  let level = 0;
  depths[0] = 0;
  opens[0] = open;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR) {
      if (i + 1 >= end) break;
      const next = text.charCodeAt(i + 1);
      if (next === 40 || next === 123) {
        level++;
        depths[level] = 0;
        opens[level] = next;
      }
      i += 2;
      continue;
    }
    const own = opens[level];
    if (c === (own === 40 ? 41 : 125)) {
      if (depths[level] > 0) depths[level]--;
      else if (level > 0) level--;
      else break;
    } else if (c === own) depths[level]++;
    else if (c === COMMA && level === 0 && depths[0] === 0) out.push(i);
    i++;
  }
  // A hostile call can nest a reference per `$(`; keep the stacks the size real files need.
  if (depths.length > 256) depths.length = opens.length = 256;
}
