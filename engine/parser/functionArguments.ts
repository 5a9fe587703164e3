// A function call's arguments as words: split at its own commas, at most as many as the function takes.
import type { Word } from './ast';
import { argumentCommas } from './argumentCommas';
import { BUILTIN_FUNCTIONS } from './functionArity';
import { ListBuilder } from './listBuilder';
import { isBlank } from './scan';

const commas: number[] = [];
/** The arguments, handed out at their exact count. */
const args = new ListBuilder<Word>();

/**
 * The arguments of `$(name ...)` whose name ends at `nameEnd` and content at `contentEnd` in
 * `text`; `open` is its opening parenthesis. The first argument starts after the blanks that
 * follow the name; the last keeps any commas past the function's argument count.
 */
export function functionArguments(
  text: string,
  name: string,
  nameEnd: number,
  contentEnd: number,
  open: number,
  word: (start: number, end: number) => Word,
): Word[] {
  const maximum = BUILTIN_FUNCTIONS.get(name) ?? 0;
  let argStart = nameEnd;
  while (argStart < contentEnd && isBlank(text.charCodeAt(argStart))) argStart++;
  commas.length = 0;
  argumentCommas(text, argStart, contentEnd, open, commas);
  for (const comma of commas) {
    if (maximum !== 0 && args.length === maximum - 1) break;
    args.add(word(argStart, comma));
    argStart = comma + 1;
  }
  args.add(word(argStart, contentEnd));
  commas.length = 0;
  return args.take();
}
