// A function call's arguments: the commas that split them, and the words between those commas.
import type { Word } from './ast';
import { BUILTIN_FUNCTIONS } from './functionArity';
import { emptyList } from './listBuilder';

const SPACE = 32;
const TAB = 9;

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
