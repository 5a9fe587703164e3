// textDocument/foldingRange: define blocks, conditional branches and recipes.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { ParsedMakefile, Range, Statement } from '../../../engine/parser/ast';

export function foldingRanges(file: ParsedMakefile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (range: Range, kind?: FoldingRangeKind): void => {
    if (range.end.line > range.start.line)
      ranges.push({ startLine: range.start.line, endLine: range.end.line, kind });
  };
  const visit = (statements: Statement[]): void => {
    for (const statement of statements) {
      if (statement.type === 'conditional') {
        for (const branch of statement.branches) {
          // Fold each branch up to the line before the next `else`/`endif`.
          add(
            { start: branch.range.start, end: { line: branch.range.end.line - 1, character: 0 } },
            FoldingRangeKind.Region,
          );
          visit(branch.body);
        }
      } else if (statement.type === 'rule' && statement.recipe.length > 0) {
        add(statement.range);
      } else if (statement.type === 'assignment' && statement.define) {
        add(statement.range);
      }
    }
  };
  visit(file.statements);
  for (const comment of file.comments) add(comment.range, FoldingRangeKind.Comment);
  return ranges;
}
