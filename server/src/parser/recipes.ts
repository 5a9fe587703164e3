// Builds a RecipeLine from raw source text: prefixes, and whether make runs it under -n.
import type { RecipeLine } from './ast';
import type { LineTable } from './lineTable';
import { isBlank } from './scan';

/** The recipe command in `table.text[start, end)`, continuations kept as written. */
export function recipeLine(table: LineTable, start: number, end: number): RecipeLine {
  const source = table.text;
  let text = source.slice(start, end);
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  let prefixes = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 || c === 45 || c === 43) prefixes += text[i];
    else if (!isBlank(c)) break;
  }
  const runsUnderDryRun =
    prefixes.indexOf('+') >= 0 || text.indexOf('$(MAKE)') >= 0 || text.indexOf('${MAKE}') >= 0;
  return { text, range: table.range(start, end), prefixes, runsUnderDryRun };
}
