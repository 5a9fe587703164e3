// Finds every `$(...)`, `${...}` and `$x` reference in a span, nested to any depth, without recursion.
import type { Reference, ReferenceContext, Word } from './ast';
import { BUILTIN_FUNCTIONS, LONGEST_FUNCTION_NAME } from './builtins';
import type { LineView } from './lineView';
import { COLON, DOLLAR, EQUALS, isBlank } from './scan';

/** An open `$(` or `${` whose closing parenthesis has not been seen yet. */
interface Frame {
  reference: Reference;
  start: number;
  contentStart: number;
  open: number;
  close: number;
  /** Unmatched plain parentheses of this frame's kind seen so far (make counts them). */
  depth: number;
  /** Offset of the first nested reference, or -1. */
  firstNested: number;
  /** First colon and first `=` after it, outside nested references (substitution references). */
  colon: number;
  equals: number;
  /** Commas outside nested references and parentheses; only kept for function calls. */
  commas: number[] | null;
}

const COMMA = 44;
/** Placeholder range of a reference until its end is known; always replaced. */
const PENDING = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Appends the references in `view.text[start, end)` to `out` in source order (an outer reference
 * comes before the references nested in it).
 */
export function scanReferences(
  view: LineView,
  start: number,
  end: number,
  context: ReferenceContext,
  out: Reference[],
): void {
  const text = view.text;
  let i = text.indexOf('$', start);
  if (i < 0 || i >= end) return;
  const stack: Frame[] = [];
  let top: Frame | null = null;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR) {
      if (i + 1 >= end) break;
      const next = text.charCodeAt(i + 1);
      if (next === DOLLAR) {
        i += 2;
        continue;
      }
      if (top !== null && top.firstNested < 0) top.firstNested = i;
      if (next === 40 || next === 123) {
        const reference: Reference = { name: '', range: PENDING, nameRange: PENDING, context };
        out.push(reference);
        top = {
          reference,
          start: i,
          contentStart: i + 2,
          open: next,
          close: next === 40 ? 41 : 125,
          depth: 0,
          firstNested: -1,
          colon: -1,
          equals: -1,
          commas: null,
        };
        stack.push(top);
        i += 2;
        continue;
      }
      if (!isBlank(next)) {
        out.push({
          name: text[i + 1],
          range: view.range(i, i + 2),
          nameRange: view.range(i + 1, i + 2),
          context,
        });
      }
      i += 2;
      continue;
    }
    if (top !== null) {
      if (c === top.close) {
        if (top.depth === 0) {
          finishFrame(view, top, i, i + 1);
          stack.pop();
          top = stack.length > 0 ? stack[stack.length - 1] : null;
        } else top.depth--;
      } else if (c === top.open) top.depth++;
      else if (c === COMMA) {
        if (top.depth === 0) (top.commas ??= []).push(i);
      } else if (c === COLON) {
        if (top.colon < 0 && top.depth === 0) top.colon = i;
      } else if (c === EQUALS) {
        if (top.colon >= 0 && top.equals < 0) top.equals = i;
      }
      i++;
      continue;
    }
    // Outside any reference only `$` matters: jump to the next one.
    const nextDollar = text.indexOf('$', i + 1);
    i = nextDollar < 0 || nextDollar > end ? end : nextDollar;
  }
  // Unterminated references run to the end of the span.
  while (stack.length > 0) finishFrame(view, stack.pop() as Frame, end, end);
}

function finishFrame(view: LineView, frame: Frame, contentEnd: number, end: number): void {
  const text = view.text;
  const reference = frame.reference;
  const cs = frame.contentStart;
  reference.range = view.range(frame.start, end);
  const functionName = builtinAt(text, cs, contentEnd);
  if (functionName !== null) {
    const nameEnd = cs + functionName.length;
    reference.name = functionName;
    reference.functionName = functionName;
    reference.nameRange = view.range(cs, nameEnd);
    reference.args = splitArguments(
      view,
      frame,
      nameEnd,
      contentEnd,
      BUILTIN_FUNCTIONS.get(functionName) ?? 0,
    );
    return;
  }
  let nameEnd = contentEnd;
  if (frame.colon >= 0 && frame.equals > frame.colon) {
    nameEnd = frame.colon;
    reference.substitution = true;
  }
  reference.name = text.slice(cs, nameEnd);
  reference.nameRange = view.range(cs, nameEnd);
  if (frame.firstNested >= 0 && frame.firstNested < nameEnd) reference.computed = true;
}

/** The built-in function named at `start` when it is followed by a blank, as make requires. */
function builtinAt(text: string, start: number, end: number): string | null {
  let i = start;
  const limit = Math.min(end, start + LONGEST_FUNCTION_NAME + 1);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 45) i++;
    else break;
  }
  if (i === start || i >= end || !isBlank(text.charCodeAt(i))) return null;
  const name = text.slice(start, i);
  return BUILTIN_FUNCTIONS.has(name) ? name : null;
}

function splitArguments(
  view: LineView,
  frame: Frame,
  nameEnd: number,
  contentEnd: number,
  maximum: number,
): Word[] {
  const text = view.text;
  let argStart = nameEnd;
  while (argStart < contentEnd && isBlank(text.charCodeAt(argStart))) argStart++;
  const args: Word[] = [];
  const commas = frame.commas;
  if (commas !== null) {
    for (const comma of commas) {
      if (comma < argStart) continue;
      if (maximum !== 0 && args.length === maximum - 1) break;
      args.push({ text: text.slice(argStart, comma), range: view.range(argStart, comma) });
      argStart = comma + 1;
    }
  }
  args.push({ text: text.slice(argStart, contentEnd), range: view.range(argStart, contentEnd) });
  return args;
}
