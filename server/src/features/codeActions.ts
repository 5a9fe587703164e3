// textDocument/codeAction: quick fixes for the diagnostics that have one obvious repair.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import { DiagnosticCode } from './diagnostics';

export function codeActions(model: WorkspaceModel, uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const index = model.index(uri);
  const text = model.text(uri);
  if (!index || text === undefined) return [];
  const lines = text.split(/\r?\n|\r/);
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const edit = fixFor(diagnostic, index, lines);
    if (!edit) continue;
    actions.push({
      title: edit.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [edit.edit] } },
    });
  }
  return actions;
}

function fixFor(
  diagnostic: Diagnostic,
  index: FileIndex,
  lines: string[],
): { title: string; edit: TextEdit } | undefined {
  const line = diagnostic.range.start.line;
  switch (diagnostic.code) {
    case DiagnosticCode.recipeWithSpaces: {
      const indent = /^[ \t]*/.exec(lines[line] ?? '')?.[0] ?? '';
      return {
        title: 'Indent the recipe line with a tab',
        edit: {
          range: { start: { line, character: 0 }, end: { line, character: indent.length } },
          newText: '\t',
        },
      };
    }
    case DiagnosticCode.phonyMissing: {
      const target = (diagnostic.data as { target?: string } | undefined)?.target;
      return target ? addToPhony(target, index, lines, line) : undefined;
    }
    case DiagnosticCode.shellInRecursive: {
      const source = lines[line] ?? '';
      const at = source.indexOf('=', diagnostic.range.end.character);
      if (at < 0) return undefined;
      const questionMark = source[at - 1] === '?';
      const start = questionMark ? at - 1 : at;
      return {
        title: "Assign with ':=' so the command runs once",
        edit: {
          range: { start: { line, character: start }, end: { line, character: at + 1 } },
          newText: ':=',
        },
      };
    }
    case DiagnosticCode.phonyStale:
      return removeListEntry('Remove it from .PHONY', diagnostic, lines);
    case DiagnosticCode.duplicatePrerequisite:
      return removeListEntry('Remove the repeated prerequisite', diagnostic, lines);
    case DiagnosticCode.trailingBlanks:
      return {
        title: 'Remove the blanks at the end of the value',
        edit: { range: diagnostic.range, newText: '' },
      };
    case DiagnosticCode.recursiveSelfReference: {
      const data = diagnostic.data as
        | { line?: string; from?: string; to?: string; text?: string }
        | undefined;
      if (
        data?.line === undefined ||
        data.from === undefined ||
        data.to === undefined ||
        data.text === undefined
      )
        return undefined;
      const fixLine = Number(data.line);
      return {
        title: "Append with '+='",
        edit: {
          range: {
            start: { line: fixLine, character: Number(data.from) },
            end: { line: fixLine, character: Number(data.to) },
          },
          newText: data.text,
        },
      };
    }
    case DiagnosticCode.plainMake:
      return {
        title: "Run the sub-make with '$(MAKE)'",
        edit: { range: diagnostic.range, newText: '$(MAKE)' },
      };
    case DiagnosticCode.hiddenRecursiveMake: {
      const data = diagnostic.data as { line?: string; character?: string } | undefined;
      if (data?.line === undefined || data.character === undefined) return undefined;
      const at = { line: Number(data.line), character: Number(data.character) };
      return {
        title: "Mark the line as a sub-make with '+'",
        edit: { range: { start: at, end: at }, newText: '+' },
      };
    }
    default:
      return undefined;
  }
}

/** Deletes the word the diagnostic underlines from its list (a `.PHONY:` entry, a repeated prerequisite), with the blank before it. */
function removeListEntry(
  title: string,
  diagnostic: Diagnostic,
  lines: string[],
): { title: string; edit: TextEdit } {
  const { start, end } = diagnostic.range;
  const text = lines[start.line] ?? '';
  let from = start.character;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return {
    title,
    edit: { range: { start: { line: start.line, character: from }, end }, newText: '' },
  };
}

/** Appends to the first `.PHONY:` line of the file, or adds one just above the rule. */
function addToPhony(
  target: string,
  index: FileIndex,
  lines: string[],
  ruleLine: number,
): { title: string; edit: TextEdit } {
  const title = `Mark '${target}' as .PHONY`;
  const phony = index.targets.find((t) => t.name === '.PHONY');
  if (phony) {
    const headerEnd = phony.rule.headerRange.end;
    const lineText = lines[headerEnd.line] ?? '';
    const comment = lineText.indexOf('#');
    const end = (comment >= 0 ? lineText.slice(0, comment) : lineText).replace(/\s+$/, '').length;
    return {
      title,
      edit: {
        range: {
          start: { line: headerEnd.line, character: end },
          end: { line: headerEnd.line, character: end },
        },
        newText: ` ${target}`,
      },
    };
  }
  return {
    title,
    edit: {
      range: { start: { line: ruleLine, character: 0 }, end: { line: ruleLine, character: 0 } },
      newText: `.PHONY: ${target}\n`,
    },
  };
}
