// A function call's arguments as GNU make splits them: at the commas the scan found, and which argument a point falls in.
import type { Word } from './ast';
import { BUILTIN_FUNCTIONS } from './functionArity';
import { emptyList } from './listBuilder';

const SPACE = 32;
const TAB = 9;
const COMMA = 44;

/** Where the first argument starts: after the blanks that follow the function's name. */
export function firstArgumentStart(text: string, nameEnd: number, contentEnd: number): number {
  let start = nameEnd;
  while (start < contentEnd) {
    const c = text.charCodeAt(start);
    if (c !== SPACE && c !== TAB) break;
    start++;
  }
  return start;
}

/**
 * Of the commas found at the call's own level (`commas`, in order), the ones that split its
 * arguments: those after its first argument starts, no more than the function takes (the last
 * argument keeps any further commas). An exact-size list, or the shared empty one.
 */
export function splittingCommas(name: string, commas: readonly number[], argStart: number): number[] {
  const maximum = BUILTIN_FUNCTIONS.get(name) ?? 0;
  let first = 0;
  while (first < commas.length && commas[first] < argStart) first++;
  let last = commas.length;
  if (maximum !== 0 && last - first > maximum - 1) last = first + maximum - 1;
  return last > first ? commas.slice(first, last) : emptyList();
}

/** The arguments between `argStart`, the splitting commas and `contentEnd`, as words. */
export function argumentWords(
  argStart: number,
  splitting: readonly number[],
  contentEnd: number,
  word: (start: number, end: number) => Word,
): Word[] {
  const args: Word[] = new Array<Word>(splitting.length + 1);
  let start = argStart;
  for (let k = 0; k < splitting.length; k++) {
    args[k] = word(start, splitting[k]);
    start = splitting[k] + 1;
  }
  args[splitting.length] = word(start, contentEnd);
  return args;
}

/**
 * The 0-based argument of the call whose arguments start at `argsStart` that `text[at]` falls in,
 * or -1 when the call is closed before `at`. `open` is the call's opening character, `(` or `{`.
 *
 * make (function.c: handle_function, find_next_argument) counts only parentheses of the call's own
 * kind and ignores `$`: a comma inside `(b,c)` or a nested `$(...)` of a `$(...)` call does not
 * split, one inside a nested `${...}` does. From the function's maximum argument count on
 * (`maximum`, 0 for none) the last argument takes the rest, commas included.
 */
export function argumentIndexAt(
  text: string,
  argsStart: number,
  at: number,
  open: string,
  maximum: number,
): number {
  const openCode = open.charCodeAt(0);
  const closeCode = open === '(' ? 41 : 125;
  let depth = 0;
  let index = 0;
  for (let i = argsStart; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === openCode) depth++;
    else if (c === closeCode) {
      if (--depth < 0) return -1;
    } else if (c === COMMA && depth === 0 && (maximum === 0 || index < maximum - 1)) index++;
  }
  return index;
}
