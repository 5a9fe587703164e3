// Test helpers: parse text and describe ranges compactly as "line:char-line:char".
import type {
  Assignment,
  Conditional,
  Include,
  ParsedMakefile,
  Range,
  Rule,
  Statement,
  Unknown,
  VariableDirective,
  Vpath,
} from '../../../engine/parser/ast';
import { parseMakefile } from '../../../engine/parser/parser';

export { parseMakefile };

export function at(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Every statement, conditional bodies included, in source order. */
export function allStatements(statements: Statement[], out: Statement[] = []): Statement[] {
  for (const statement of statements) {
    out.push(statement);
    if (statement.type === 'conditional')
      for (const branch of statement.branches) allStatements(branch.body, out);
  }
  return out;
}

function only<T extends Statement>(file: ParsedMakefile, type: T['type']): T[] {
  return allStatements(file.statements).filter((s): s is T => s.type === type);
}

export const rules = (file: ParsedMakefile): Rule[] => only<Rule>(file, 'rule');
export const assignments = (file: ParsedMakefile): Assignment[] => only<Assignment>(file, 'assignment');
export const includes = (file: ParsedMakefile): Include[] => only<Include>(file, 'include');
export const vpaths = (file: ParsedMakefile): Vpath[] => only<Vpath>(file, 'vpath');
export const directives = (file: ParsedMakefile): VariableDirective[] =>
  only<VariableDirective>(file, 'variable-directive');
export const conditionals = (file: ParsedMakefile): Conditional[] => only<Conditional>(file, 'conditional');
export const unknowns = (file: ParsedMakefile): Unknown[] => only<Unknown>(file, 'unknown');

/** The one assignment, rule... in a file that should hold exactly one. */
export function single<T>(items: T[]): T {
  if (items.length !== 1) throw new Error(`expected exactly one item, got ${items.length}`);
  return items[0];
}

export function problemCodes(file: ParsedMakefile): string[] {
  return file.problems.map((p) => p.code);
}

/** The source text a range covers, for asserting that ranges point where they should. */
export function textAt(text: string, range: Range): string {
  const starts = [0];
  const lineBreak = /\r\n|\r|\n/g;
  for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
    starts.push(match.index + match[0].length);
  }
  return text.slice(
    starts[range.start.line] + range.start.character,
    starts[range.end.line] + range.end.character,
  );
}
