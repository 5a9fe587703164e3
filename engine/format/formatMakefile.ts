// The Makefile formatter: text in, edits out, never changing what make reads (see README: Formatting).
import type { ParsedMakefile, Range } from '../parser/ast';
import { parseMakefile } from '../parser/parser';
import { lineRoles, type LineRole } from './lineRoles';
import { spacedAssignment, spacedComment, spacedContinuation, spacedRuleHeader } from './lineRewrites';
import { continues, physicalLines } from './physicalLines';
import type { Assignment, Rule } from '../parser/ast';

/** An LSP-shaped text edit. */
export interface FormatEdit {
  range: Range;
  newText: string;
}

/** Lines to format, inclusive; the whole file when absent. */
export interface LineSpan {
  first: number;
  last: number;
}

/** Why a file is left exactly as it is, or null when it may be formatted. */
export function reasonNotToFormat(text: string, file: ParsedMakefile = parseMakefile(text)): string | null {
  if (text.includes('\0')) return 'the file holds NUL bytes';
  if (text.includes('.RECIPEPREFIX')) return 'the file sets .RECIPEPREFIX';
  const error = file.problems.find((problem) => problem.severity === 'error');
  if (error)
    return `make would not read it as written (line ${error.range.start.line + 1}: ${error.message})`;
  return null;
}

export interface FormatOptions {
  /** Lines to format; the whole file when absent (then the file's ends are tidied too). */
  span?: LineSpan;
  /** End the file with one line terminator (default true). */
  insertFinalNewline?: boolean;
  /** Remove the blank lines ending the file (default true). */
  trimFinalNewlines?: boolean;
}

export function formatEdits(text: string, options: FormatOptions = {}): FormatEdit[] {
  const { span, insertFinalNewline = true, trimFinalNewlines = true } = options;
  const file = parseMakefile(text);
  if (reasonNotToFormat(text, file) !== null) return [];
  const lines = physicalLines(text);
  const { roles, statements } = lineRoles(file, lines);
  // Under .POSIX make keeps the blanks before a continuation: leave continuations alone there.
  const posix = /^\.POSIX[ \t]*:/m.test(text);
  const inSpan = (line: number): boolean => span === undefined || (line >= span.first && line <= span.last);
  const edits: FormatEdit[] = [];
  const lastLine = lines.length - 1;
  // The blank lines ending the file go, in a whole-file format.
  let tail = lastLine + 1;
  while (trimFinalNewlines && tail > 0 && roles[tail - 1] === 'blank') tail--;
  const end = span === undefined ? tail : lastLine + 1;
  let previousBlank = true; // blank lines at the top of the file go too
  for (let line = 0; line < end; line++) {
    const { content } = lines[line];
    const role = roles[line];
    if (role === 'blank') {
      const drop = previousBlank && line < lastLine;
      previousBlank = true;
      if (!inSpan(line)) continue;
      if (drop) edits.push(deleteLine(line));
      else if (content !== '') edits.push(replaceLine(line, content, ''));
      continue;
    }
    previousBlank = false;
    if (!inSpan(line)) continue;
    const formatted = formatLine(content, role, statements[line], posix);
    if (formatted !== content) edits.push(replaceLine(line, content, formatted));
  }
  if (span !== undefined) return edits;
  const last = lines[lastLine];
  if (tail <= lastLine) {
    const drop = {
      start: { line: tail, character: 0 },
      end: { line: lastLine, character: last.content.length },
    };
    if (tail < lastLine || last.content !== '') edits.push({ range: drop, newText: '' });
  } else if (insertFinalNewline && last.content !== '' && !continues(last.content)) {
    const eol = lines.find((l) => l.eol !== '')?.eol ?? '\n';
    const at = { line: lastLine, character: last.content.length };
    edits.push({ range: { start: at, end: at }, newText: eol });
  }
  return edits;
}

function formatLine(
  content: string,
  role: LineRole,
  statement: Assignment | Rule | undefined,
  posix: boolean,
): string {
  let formatted: string | null = content;
  if (role === 'comment') return spacedComment(content);
  if (role === 'assignment' && statement?.type === 'assignment')
    formatted = spacedAssignment(content, statement);
  else if (role === 'rule' && statement?.type === 'rule') formatted = spacedRuleHeader(content, statement);
  if (formatted === null) return content;
  if ((role === 'assignment' || role === 'continuation') && !posix) return spacedContinuation(formatted);
  return formatted;
}

function replaceLine(line: number, content: string, newText: string): FormatEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: content.length } }, newText };
}

function deleteLine(line: number): FormatEdit {
  return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
}

/** The text with the edits applied (they come in document order and never overlap). */
export function applyEdits(text: string, edits: FormatEdit[]): string {
  if (edits.length === 0) return text;
  const lines = physicalLines(text);
  const offset = (p: { line: number; character: number }): number => lines[p.line].start + p.character;
  let out = '';
  let at = 0;
  for (const edit of edits) {
    const start = offset(edit.range.start);
    out += text.slice(at, start) + edit.newText;
    at = offset(edit.range.end);
  }
  return out + text.slice(at);
}

export function formatMakefile(text: string): string {
  return applyEdits(text, formatEdits(text));
}
