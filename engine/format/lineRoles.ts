// Which physical lines the formatter may touch, and how, decided from the parser's tree.
import type { ParsedMakefile, Rule, Statement, Assignment } from '../parser/ast';
import { continues, isBlankText, type PhysicalLine } from './physicalLines';

/**
 * keep: left byte for byte (recipes, define bodies, directives, anything not understood);
 * assignment / rule: the first line of a plain assignment or a one-line rule header;
 * continuation: a later line of an assignment or rule header (backslash spacing only);
 * comment: a comment-only line; blank: a line of spaces (a tab-only line may be a recipe line).
 */
export type LineRole = 'keep' | 'assignment' | 'rule' | 'continuation' | 'comment' | 'blank';

export interface RoleMap {
  roles: LineRole[];
  /** For an `assignment` line, its statement; for a `rule` line, its rule. */
  statements: (Assignment | Rule | undefined)[];
}

export function lineRoles(file: ParsedMakefile, lines: PhysicalLine[]): RoleMap {
  const roles = new Array<LineRole | undefined>(lines.length).fill(undefined);
  const statements = new Array<Assignment | Rule | undefined>(lines.length).fill(undefined);
  const claim = (first: number, last: number, role: LineRole): void => {
    for (let line = first; line <= last && line < lines.length; line++) roles[line] ??= role;
  };
  const logicalEnd = (first: number): number => {
    let line = first;
    while (line + 1 < lines.length && continues(lines[line].content)) line++;
    return line;
  };
  const commentLines = new Uint8Array(lines.length);
  for (const comment of file.comments) commentLines[comment.range.start.line] = 1;
  const hasComment = (first: number, last: number): boolean =>
    commentLines.subarray(first, last + 1).includes(1);

  const visit = (body: Statement[]): void => {
    for (const statement of body) {
      const first = statement.range.start.line;
      if (statement.type === 'conditional') {
        for (const branch of statement.branches) {
          claim(branch.keywordRange.start.line, logicalEnd(branch.keywordRange.start.line), 'keep');
          visit(branch.body);
        }
        if (statement.endifRange)
          claim(statement.endifRange.start.line, statement.endifRange.end.line, 'keep');
        continue;
      }
      if (statement.type === 'assignment') {
        const last = Math.max(statement.range.end.line, logicalEnd(first));
        const plain =
          !statement.define &&
          statement.targets === undefined &&
          statement.modifiers.length === 0 &&
          statement.name.range.start.line === first &&
          statement.name.range.end.line === first &&
          !(last > first && hasComment(first, last));
        if (plain) {
          roles[first] ??= 'assignment';
          statements[first] = statement;
          claim(first + 1, last, 'continuation');
        } else claim(first, last, 'keep');
        continue;
      }
      if (statement.type === 'rule') {
        ruleRoles(
          statement,
          first,
          logicalEnd(statement.headerRange.start.line),
          hasComment,
          claim,
          roles,
          statements,
        );
        continue;
      }
      claim(first, Math.max(statement.range.end.line, logicalEnd(first)), 'keep');
    }
  };
  visit(file.statements);

  for (const comment of file.comments) {
    const line = comment.range.start.line;
    const content = lines[line]?.content ?? '';
    const commentOnly = isBlankText(content.slice(0, comment.range.start.character));
    const continued =
      comment.range.end.line > line || continues(content.trimEnd()) || continuesInto(lines, line);
    if (commentOnly && !continued && !content.startsWith('\t')) roles[line] ??= 'comment';
  }
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line].content;
    if (
      roles[line] === undefined &&
      isBlankText(content) &&
      !content.includes('\t') &&
      !continuesInto(lines, line)
    )
      roles[line] = 'blank';
  }
  return { roles: roles.map((role) => role ?? 'keep'), statements };
}

function ruleRoles(
  rule: Rule,
  first: number,
  headerLast: number,
  hasComment: (first: number, last: number) => boolean,
  claim: (first: number, last: number, role: LineRole) => void,
  roles: (LineRole | undefined)[],
  statements: (Assignment | Rule | undefined)[],
): void {
  // Recipe lines, and whatever lies between them (comments, tab-only lines make keeps), stay as written.
  claim(headerLast + 1, rule.range.end.line, 'keep');
  const inlineRecipe = rule.recipe.length > 0 && rule.recipe[0].range.start.line <= headerLast;
  if (inlineRecipe || hasComment(first, headerLast) || rule.targets.length === 0) {
    claim(first, headerLast, 'keep');
    return;
  }
  if (first === headerLast) {
    roles[first] ??= 'rule';
    statements[first] = rule;
  } else claim(first, headerLast, 'continuation');
  claim(first, headerLast, 'keep');
}

function continuesInto(lines: PhysicalLine[], line: number): boolean {
  return line > 0 && continues(lines[line - 1].content);
}
