// Which argument of a built-in function call a point of the text falls in, counted the way GNU make splits arguments.

const COMMA = 44;

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
