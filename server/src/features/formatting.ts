// textDocument/formatting and rangeFormatting: the engine's formatter, with the editor's FormattingOptions that apply.
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { formatEdits } from '../../../engine/format/formatMakefile';

/**
 * Tab size and spaces do not apply: recipes must start with a tab, and the formatter re-indents
 * nothing. The editor's final-newline options do.
 */
export function documentFormatting(text: string, options: FormattingOptions): TextEdit[] {
  return formatEdits(text, {
    insertFinalNewline: options.insertFinalNewline ?? true,
    trimFinalNewlines: options.trimFinalNewlines ?? true,
  });
}

/** The lines the range touches; a range ending at the start of a line leaves that line out. */
export function rangeFormatting(text: string, range: Range): TextEdit[] {
  const last =
    range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return formatEdits(text, { span: { first: range.start.line, last } });
}
