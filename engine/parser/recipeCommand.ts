// What a recipe command's own text says: its prefixes, and whether make runs it under -n.
import { DOLLAR, isBlank } from './scan';

/** The prefix characters `@`, `-`, `+` at the start of a recipe command, in the order written. */
export function recipePrefixes(text: string): string {
  let prefixes = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 || c === 45 || c === 43) prefixes += text[i];
    else if (!isBlank(c)) break;
  }
  return prefixes;
}

/** True when make runs the command even under -n/-q/-t: a `+` prefix, `$(MAKE)` or `${MAKE}`. */
export function runsUnderDryRun(text: string, prefixes: string): boolean {
  return prefixes.indexOf('+') >= 0 || mentionsMake(text);
}

/** True when `text` holds `$(MAKE)` or `${MAKE}`: one search for the rare `MAKE` rather than two. */
function mentionsMake(text: string): boolean {
  for (let i = text.indexOf('MAKE'); i >= 0; i = text.indexOf('MAKE', i + 1)) {
    if (i < 2 || i + 4 >= text.length || text.charCodeAt(i - 2) !== DOLLAR) continue;
    const open = text.charCodeAt(i - 1);
    const close = text.charCodeAt(i + 4);
    if ((open === 40 && close === 41) || (open === 123 && close === 125)) return true;
  }
  return false;
}
