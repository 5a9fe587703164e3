// Builds a RecipeLine from raw source text: prefixes, and whether make runs it under -n.
import type { RecipeLine } from './ast';
import { LineRecipe } from './lineSpans';
import type { LineTable } from './lineTable';
import { recipePrefixes, runsUnderDryRun } from './recipeCommand';

/** The recipe command in `table.text[start, end)`, continuations kept as written. */
export function recipeLine(table: LineTable, start: number, end: number): RecipeLine {
  const source = table.text;
  let text = source.slice(start, end);
  if (table.hasCarriageReturn && text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  if (!table.onOneLine(start, end)) {
    const prefixes = recipePrefixes(text);
    return {
      text,
      range: table.range(start, end),
      prefixes,
      runsUnderDryRun: runsUnderDryRun(text, prefixes),
    };
  }
  const line = table.lineOf(start);
  return new LineRecipe(text, line, start - table.starts[line]);
}
