// textDocument/onTypeFormatting: after Enter on a rule line or a recipe line, the new line starts with the recipe prefix.
import type { Position, TextEdit } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { SPECIAL_TARGETS } from '../../../engine/analysis/makeBuiltinDocs';
import type { Rule } from '../../../engine/parser/ast';

export const ON_TYPE_FIRST_TRIGGER = '\n';

/**
 * The edit that makes the new line at `position` a recipe line: its leading blanks replaced by the
 * recipe prefix in force there (a tab unless `.RECIPEPREFIX` says otherwise). Nothing when the line
 * above is blank, continued with a backslash, or not a rule header or recipe line, nor when the new
 * line already holds text.
 */
export function recipePrefixOnEnter(
  index: FileIndex,
  lines: readonly string[],
  position: Position,
): TextEdit[] {
  const above = position.line - 1;
  const current = lines[position.line];
  if (above < 0 || current === undefined || current.trim() !== '') return [];
  const previous = lines[above];
  if (previous.trim() === '' || continues(previous)) return [];
  if (!opensRecipeLine(index, above)) return [];
  const prefix = recipePrefixAt(index, position.line);
  if (current.startsWith(prefix)) return [];
  const blanks = /^[ \t]*/.exec(current)?.[0].length ?? 0;
  return [
    {
      range: {
        start: { line: position.line, character: 0 },
        end: { line: position.line, character: blanks },
      },
      newText: prefix,
    },
  ];
}

/** An odd number of backslashes at the end joins the next line to this one. */
function continues(line: string): boolean {
  const trailing = /\\*$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

/** True when `line` ends a rule header (one that can have a recipe) or a recipe line. */
function opensRecipeLine(index: FileIndex, line: number): boolean {
  for (const statement of index.statements) {
    if (statement.type !== 'rule' || statement.range.start.line > line || statement.range.end.line < line)
      continue;
    if (statement.headerRange.end.line === line) return takesRecipe(statement);
    if (statement.recipe.some((recipeLine) => recipeLine.range.end.line === line)) return true;
  }
  return false;
}

/** `.PHONY: all` and the like name no file to build: a recipe under them means nothing (`.DEFAULT` has one). */
function takesRecipe(rule: Rule): boolean {
  return rule.targets.some((target) => target.text === '.DEFAULT' || !(target.text in SPECIAL_TARGETS));
}

/** make takes the first character of the last `.RECIPEPREFIX` set above `line`; unset or empty, a tab. */
function recipePrefixAt(index: FileIndex, line: number): string {
  let prefix = '\t';
  for (const statement of index.statements) {
    if (statement.range.start.line >= line) break;
    if (statement.type === 'assignment' && statement.name.text === '.RECIPEPREFIX')
      prefix = statement.value[0] ?? '\t';
  }
  return prefix;
}
