// textDocument/selectionRange: word, reference, function call, line, logical line, rule or conditional, document.
import type { Position, Range, SelectionRange } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { indicesNearLine } from '../../../engine/analysis/lineSpan';
import { locate } from '../../../engine/analysis/locate';
import { comparePositions, rangeContains, rangeIsInside } from '../../../engine/analysis/positions';
import type { Statement } from '../../../engine/parser/ast';

export function selectionRanges(
  index: FileIndex,
  lines: readonly string[],
  positions: Position[],
): SelectionRange[] {
  return positions.map((position) => chain(enclosingRanges(index, lines, position)));
}

/** Every range that holds `position`, in no particular order. */
function enclosingRanges(index: FileIndex, lines: readonly string[], position: Position): Range[] {
  const ranges: Range[] = [];
  const word = wordAround(lines[position.line] ?? '', position);
  if (word) ranges.push(word);
  const located = locate(index, position);
  if (located) ranges.push(located.range);
  const references = index.parsed.references;
  const [from, to] = indicesNearLine(references, position.line, (reference) => reference.range);
  for (let i = from; i < to; i++) {
    const reference = references[i];
    if (!rangeContains(reference.range, position)) continue;
    ranges.push(reference.range);
    for (const argument of reference.args ?? [])
      if (rangeContains(argument.range, position)) ranges.push(argument.range);
  }
  const line = lines[position.line];
  if (line !== undefined)
    ranges.push({
      start: { line: position.line, character: 0 },
      end: { line: position.line, character: line.length },
    });
  statementRanges(index.parsed.statements, position, ranges);
  const last = Math.max(lines.length - 1, 0);
  ranges.push({ start: { line: 0, character: 0 }, end: { line: last, character: lines[last]?.length ?? 0 } });
  return ranges;
}

/** The statements around `position`, nested conditionals included: rule, its header or recipe line, assignment... */
function statementRanges(statements: readonly Statement[], position: Position, out: Range[]): void {
  for (const statement of statements) {
    if (!rangeContains(statement.range, position)) continue;
    out.push(statement.range);
    if (statement.type === 'rule') {
      if (rangeContains(statement.headerRange, position)) out.push(statement.headerRange);
      for (const line of statement.recipe) if (rangeContains(line.range, position)) out.push(line.range);
    } else if (statement.type === 'conditional') {
      for (const branch of statement.branches) {
        if (!rangeContains(branch.range, position)) continue;
        out.push(branch.range);
        statementRanges(branch.body, position, out);
      }
    }
  }
}

/** The run of non-blank characters around the cursor on its line. */
function wordAround(line: string, position: Position): Range | undefined {
  const isWord = (c: string | undefined): boolean => c !== undefined && /[^\s$(){},:=;]/.test(c);
  let start = position.character;
  let end = position.character;
  while (isWord(line[start - 1])) start--;
  while (isWord(line[end])) end++;
  if (start === end) return undefined;
  return { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
}

/** The ranges as a chain from the innermost out, each strictly inside the next. */
function chain(ranges: Range[]): SelectionRange {
  const sorted = [...ranges].sort(
    (a, b) => comparePositions(b.start, a.start) || comparePositions(a.end, b.end),
  );
  const kept: Range[] = [];
  for (const range of sorted) {
    const previous = kept[kept.length - 1];
    if (!previous) kept.push(range);
    else if (rangeIsInside(previous, range) && !sameRange(previous, range)) kept.push(range);
  }
  let selection: SelectionRange | undefined;
  for (let i = kept.length - 1; i >= 0; i--) selection = { range: kept[i], parent: selection };
  return selection as SelectionRange;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
