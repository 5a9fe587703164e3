// Parses the text after ifeq/ifneq/ifdef/ifndef the way make's conditional_line does.
import type { ConditionalKind, Word } from './ast';
import type { LineView } from './lineView';
import { isBlank, skipBlanks, trimEndBlanks, wordAt } from './scan';

export const CONDITIONAL_KEYWORDS: readonly ConditionalKind[] = ['ifeq', 'ifneq', 'ifdef', 'ifndef'];

export interface ParsedCondition {
  condition?: Word;
  operands?: [Word, Word];
  /** Why make would reject the line ("invalid syntax in conditional"), if it would. */
  error?: string;
  /** Text after a complete condition, which make warns about. */
  extraneous: boolean;
}

/** `view.text[start, end)` is what follows the keyword (comment already removed). */
export function parseCondition(
  view: LineView,
  kind: ConditionalKind,
  start: number,
  end: number,
): ParsedCondition {
  const text = view.text;
  start = skipBlanks(text, start, end);
  const trimmedEnd = trimEndBlanks(text, start, end);
  if (start >= trimmedEnd) return { error: 'invalid syntax in conditional', extraneous: false };
  const condition = wordAt(view, start, trimmedEnd);
  if (kind === 'ifdef' || kind === 'ifndef') return { condition, extraneous: false };
  const operands = compareOperands(view, start, trimmedEnd);
  if (operands === null) return { condition, error: 'invalid syntax in conditional', extraneous: false };
  return { condition, operands: [operands[0], operands[1]], extraneous: operands[2] };
}

/** Both operands of `(a,b)`, `"a" "b"`, `'a' 'b'` or a mix; null on a syntax error. */
function compareOperands(view: LineView, start: number, end: number): [Word, Word, boolean] | null {
  const text = view.text;
  let i = start;
  const opener = text.charCodeAt(i);
  const parenthesised = opener === 40;
  if (!parenthesised && opener !== 34 && opener !== 39) return null;
  const s1 = ++i;
  let e1: number;
  if (parenthesised) {
    let depth = 0;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 40) depth++;
      else if (c === 41) depth--;
      else if (c === 44 && depth <= 0) break;
    }
    if (i >= end) return null;
    // make keeps blanks before the first operand but drops those before the comma.
    e1 = trimEndBlanks(text, s1, i);
    i++;
  } else {
    while (i < end && text.charCodeAt(i) !== opener) i++;
    if (i >= end) return null;
    e1 = i;
    i = skipBlanks(text, i + 1, end);
  }
  let s2: number;
  if (parenthesised) {
    s2 = skipBlanks(text, i, end);
    let depth = 0;
    for (i = s2; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 40) depth++;
      else if (c === 41) {
        if (depth <= 0) break;
        depth--;
      }
    }
  } else {
    const closer = text.charCodeAt(i);
    if (closer !== 34 && closer !== 39) return null;
    s2 = ++i;
    while (i < end && text.charCodeAt(i) !== closer) i++;
  }
  if (i >= end) return null;
  const e2 = i;
  let rest = i + 1;
  while (rest < end && isBlank(text.charCodeAt(rest))) rest++;
  return [wordAt(view, s1, e1), wordAt(view, s2, e2), rest < end];
}
