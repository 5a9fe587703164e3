// Finds every `$(...)`, `${...}` and `$x` reference in a span, nested to any depth, without recursion.
import type { Reference, ReferenceContext } from './ast';
import { argumentWords, firstArgumentStart, splittingCommas } from './functionArguments';
import { BUILTIN_FUNCTIONS, LONGEST_FUNCTION_NAME } from './functionArity';
import { BracedReference, ShortReference } from './lineSpans';
import type { ListBuilder } from './listBuilder';
import type { LineView } from './lineView';
import { ComputedReference, FunctionCallReference, LONGEST_PACKED_NAME } from './spanReferences';
import { COLON, DOLLAR, EQUALS, isBlank } from './scan';
import { hashStep, SharedSlices, sliceHash } from './sharedSlices';

/** An open `$(` or `${` whose closing parenthesis has not been seen yet. */
interface Frame {
  /** Index in the output reserved for this reference. */
  slot: number;
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
  /** Commas outside nested references and parentheses. */
  commas: number[];
  /**
   * The nearest enclosing frame of the other kind (`$(` for a `${`, and back), or null. make splits
   * a call's arguments counting only its own kind of parentheses (function.c: find_next_argument),
   * so a comma inside `${...}` nested in a `$(...)` call splits that call; no frame further out can
   * see a comma at its own depth 0.
   */
  other: Frame | null;
}

const COMMA = 44;

const framePool: Frame[] = [];
const FRAME_POOL_KEPT = 256;

function newFrame(): Frame {
  const frame: Frame = {
    slot: 0,
    start: 0,
    contentStart: 0,
    open: 0,
    close: 0,
    depth: 0,
    firstNested: -1,
    colon: -1,
    equals: -1,
    commas: [],
    other: null,
  };
  framePool.push(frame);
  return frame;
}

/**
 * References kept per file. A 100,000-line hand-written Makefile has ~64,000; a hostile file of
 * nothing but `$(` would have one per two bytes (~330 bytes of tree each), so beyond this the
 * parser stops recording references and says so (parser.ts) instead of exhausting the server.
 */
export const MAX_REFERENCES = 1_000_000;

/**
 * Appends the references in `view.text[start, end)` to `out` in source order (an outer reference
 * comes before the references nested in it).
 */
export function scanReferences(
  view: LineView,
  start: number,
  end: number,
  context: ReferenceContext,
  out: ListBuilder<Reference>,
): void {
  if (out.length >= MAX_REFERENCES) return;
  const text = view.text;
  let i = view.indexOfDollar(start, end);
  if (i < 0) return;
  // Frames are reused across calls: pool[0..depth) is the stack of open references.
  const pool = framePool;
  let depth = 0;
  let top: Frame | null = null;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR) {
      if (i + 1 >= end || out.length >= MAX_REFERENCES) break;
      const next = text.charCodeAt(i + 1);
      if (next === DOLLAR) {
        i += 2;
        continue;
      }
      if (top !== null && top.firstNested < 0) top.firstNested = i;
      if (next === 40 || next === 123) {
        // Most references are a plain name closed at once (`$(CC)`, `${OBJS}`): no nesting, no
        // arguments, no substitution, never a function call (which needs a blank after its name).
        const close = next === 40 ? 41 : 125;
        let j = i + 2;
        let hash = 0;
        for (let code = text.charCodeAt(j); j < end && isNameCode(code); code = text.charCodeAt(++j))
          hash = hashStep(hash, code);
        if (j < end && text.charCodeAt(j) === close) {
          out.add(bracedReference(view, names.slice(text, i + 2, j, hash), i, j + 1, context));
          i = j + 1;
          continue;
        }
        // Reserve the slot now so an outer reference stays ahead of the ones nested in it.
        const slot = out.reserve();
        const parent = top;
        top = depth < pool.length ? pool[depth] : newFrame();
        top.other = parent === null ? null : parent.open !== next ? parent : parent.other;
        top.slot = slot;
        top.start = i;
        top.contentStart = i + 2;
        top.open = next;
        top.close = next === 40 ? 41 : 125;
        top.depth = 0;
        top.firstNested = -1;
        top.colon = -1;
        top.equals = -1;
        if (top.commas.length > 0) top.commas.length = 0;
        depth++;
        i += 2;
        continue;
      }
      // `$` before a blank or a line break names nothing useful (and in a recipe or define body, as
      // written, the break is not part of the line).
      if (!isBlank(next) && next !== 10 && next !== 13) {
        out.add(shortReference(view, text[i + 1], i, context));
      }
      i += 2;
      continue;
    }
    if (top !== null) {
      const other = top.other;
      if (other !== null) countForOuterCall(other, c, i);
      if (c === top.close) {
        if (top.depth === 0) {
          finishFrame(view, top, i, i + 1, context, out);
          depth--;
          top = depth > 0 ? pool[depth - 1] : null;
        } else top.depth--;
      } else if (c === top.open) top.depth++;
      else if (c === COMMA) {
        if (top.depth === 0) top.commas.push(i);
      } else if (c === COLON) {
        if (top.colon < 0 && top.depth === 0) top.colon = i;
      } else if (c === EQUALS) {
        if (top.colon >= 0 && top.equals < 0) top.equals = i;
      }
      i++;
      continue;
    }
    // Outside any reference only `$` matters: jump to the next one.
    const nextDollar = view.indexOfDollar(i + 1, end);
    i = nextDollar < 0 ? end : nextDollar;
  }
  // Unterminated references run to the end of the span.
  while (depth > 0) finishFrame(view, pool[--depth], end, end, context, out);
  // A hostile span can open a frame per `$(`; keep the pool the size real files need.
  if (pool.length > FRAME_POOL_KEPT) pool.length = FRAME_POOL_KEPT;
}

/** What `text[i]` (inside a nested reference of the other kind) means to the call `frame`. */
function countForOuterCall(frame: Frame, c: number, i: number): void {
  if (c === frame.open) frame.depth++;
  // Its own closing parenthesis would end the call for make; the parser keeps the nesting it found.
  else if (c === frame.close) {
    if (frame.depth > 0) frame.depth--;
  } else if (c === COMMA && frame.depth === 0) frame.commas.push(i);
}

function finishFrame(
  view: LineView,
  frame: Frame,
  contentEnd: number,
  end: number,
  context: ReferenceContext,
  out: ListBuilder<Reference>,
): void {
  const text = view.text;
  const cs = frame.contentStart;
  const functionName = builtinAt(text, cs, contentEnd);
  const substitution = functionName === null && frame.colon >= 0 && frame.equals > frame.colon;
  const nameEnd = functionName !== null ? cs + functionName.length : substitution ? frame.colon : contentEnd;
  const from = nameEnd - cs <= LONGEST_PACKED_NAME ? view.sameLineStart(frame.start, end) : -1;
  if (from >= 0) {
    // Written on one line: offsets, not objects (spanReferences.ts).
    const line = view.lineOfSource(from);
    const character = from - view.table.starts[line];
    out.set(
      frame.slot,
      functionName !== null
        ? new FunctionCallReference(
            text,
            frame.start,
            line,
            character,
            end - frame.start,
            FunctionCallReference.bits(context, end > contentEnd),
            functionName,
            splittingCommas(functionName, frame.commas, firstArgumentStart(text, nameEnd, contentEnd)),
          )
        : new ComputedReference(
            text,
            frame.start,
            line,
            character,
            end - frame.start,
            ComputedReference.bits(
              context,
              frame.firstNested >= 0 && frame.firstNested < nameEnd,
              substitution,
              nameEnd - cs,
            ),
          ),
    );
    return;
  }
  const range = view.range(frame.start, end);
  const nameRange = view.range(cs, nameEnd);
  if (functionName !== null) {
    const argStart = firstArgumentStart(text, nameEnd, contentEnd);
    const splitting = splittingCommas(functionName, frame.commas, argStart);
    const args = argumentWords(argStart, splitting, contentEnd, (start, stop) => view.word(start, stop));
    out.set(frame.slot, { name: functionName, range, nameRange, context, functionName, args });
    return;
  }
  const computed = frame.firstNested >= 0 && frame.firstNested < nameEnd;
  const name = text.slice(cs, nameEnd);
  // Each shape built in one literal, so V8 keeps every field in the object itself.
  out.set(
    frame.slot,
    !computed && !substitution
      ? { name, range, nameRange, context }
      : computed && substitution
        ? { name, range, nameRange, context, computed, substitution }
        : computed
          ? { name, range, nameRange, context, computed }
          : { name, range, nameRange, context, substitution },
  );
}

/** `$(NAME)` at `view.text[start, end)`: a BracedReference unless it is written across lines. */
function bracedReference(
  view: LineView,
  name: string,
  start: number,
  end: number,
  context: ReferenceContext,
): Reference {
  const from = view.sameLineStart(start, end);
  if (from < 0)
    return { name, range: view.range(start, end), nameRange: view.range(start + 2, end - 1), context };
  const line = view.lineOfSource(from);
  return new BracedReference(name, line, from - view.table.starts[line], context);
}

/** `$x` at `view.text[start]`. */
function shortReference(view: LineView, name: string, start: number, context: ReferenceContext): Reference {
  const from = view.sameLineStart(start, start + 2);
  if (from < 0) {
    return {
      name,
      range: view.range(start, start + 2),
      nameRange: view.range(start + 1, start + 2),
      context,
    };
  }
  const line = view.lineOfSource(from);
  return new ShortReference(name, line, from - view.table.starts[line], context);
}

/** Each built-in function's name to one shared string, so calls keep no copy of their own. */
const FUNCTION_NAMES: ReadonlyMap<string, string> = new Map(
  [...BUILTIN_FUNCTIONS.keys()].map((name) => [name, name]),
);

/** One string per variable name: a file names the same few variables thousands of times. */
const names = new SharedSlices(4096);

/** The variable name `text[start, end)` (an assignment's), the same string as its references'. */
export function variableName(text: string, start: number, end: number): string {
  return names.slice(text, start, end, sliceHash(text, start, end));
}

/** Letters, digits and `_`: what most variable names are made of. */
function isNameCode(c: number): boolean {
  return c >= 97 ? c <= 122 : c >= 65 ? c <= 90 || c === 95 : c >= 48 && c <= 57;
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
  return FUNCTION_NAMES.get(text.slice(start, i)) ?? null;
}
