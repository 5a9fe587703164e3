// Builds a RecipeLine from raw source text: prefixes, and whether make runs it under -n.
import type { RecipeLine } from './ast';
import { LineRecipe } from './lineSpans';
import type { LineTable } from './lineTable';
import { DOLLAR, isBlank } from './scan';

/** The recipe command in `table.text[start, end)`, continuations kept as written. */
export function recipeLine(table: LineTable, start: number, end: number): RecipeLine {
  const source = table.text;
  let text = source.slice(start, end);
  if (table.hasCarriageReturn && text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  let prefixes = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 || c === 45 || c === 43) prefixes += text[i];
    else if (!isBlank(c)) break;
  }
  const runsUnderDryRun = prefixes.indexOf('+') >= 0 || mentionsMake(text);
  if (!table.onOneLine(start, end))
    return { text, range: table.range(start, end), prefixes, runsUnderDryRun };
  const line = table.lineOf(start);
  return new LineRecipe(text, line, start - table.starts[line], prefixes, runsUnderDryRun);
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
