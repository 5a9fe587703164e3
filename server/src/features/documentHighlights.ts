// textDocument/documentHighlight: every place in the file that names the variable or target under the cursor.
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { locate } from '../../../engine/analysis/locate';

export function documentHighlights(index: FileIndex, position: Position): DocumentHighlight[] {
  const located = locate(index, position);
  if (located?.kind === 'variable') return variableHighlights(index, located.name);
  if (located?.kind === 'target' || located?.kind === 'prerequisite')
    return targetHighlights(index, located.name);
  return [];
}

/** Assignments write the variable, references read it; `export`, `unexport` and `undefine` name it. */
function variableHighlights(index: FileIndex, name: string): DocumentHighlight[] {
  const found: DocumentHighlight[] = [];
  for (const statement of index.statements) {
    if (statement.type === 'assignment' && !statement.computedName && statement.name.text === name)
      found.push({ range: statement.name.range, kind: DocumentHighlightKind.Write });
    else if (statement.type === 'variable-directive')
      for (const word of statement.names)
        if (word.text === name) found.push({ range: word.range, kind: DocumentHighlightKind.Text });
  }
  for (const reference of index.parsed.references)
    if (!reference.functionName && !reference.computed && reference.name === name)
      found.push({ range: reference.nameRange, kind: DocumentHighlightKind.Read });
  return found;
}

/** A rule header names the target it makes (write); a prerequisite list uses it (read). */
function targetHighlights(index: FileIndex, name: string): DocumentHighlight[] {
  return [
    ...index.targets
      .filter((target) => target.name === name)
      .map((target) => ({ range: target.word.range, kind: DocumentHighlightKind.Write })),
    ...index.prerequisites
      .filter((site) => site.name === name)
      .map((site) => ({ range: site.word.range, kind: DocumentHighlightKind.Read })),
  ];
}
