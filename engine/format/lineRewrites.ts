// The rewrites of one physical line, each one keeping what make reads from the line unchanged.
import type { Assignment, Rule } from '../parser/ast';
import { continues } from './physicalLines';

/**
 * `NAME OP value`: one space on each side of the operator. Make ignores blanks around the name and
 * before the value, so only those change; the value (with its trailing blanks, part of the value
 * before a comment) is copied as written. Null when the line does not read as expected.
 */
export function spacedAssignment(content: string, assignment: Assignment): string | null {
  const nameEnd = assignment.name.range.end.character;
  const afterName = content.slice(nameEnd);
  const gap = /^[ \t]*/.exec(afterName)![0].length;
  if (!afterName.startsWith(assignment.operator, gap)) return null;
  const operatorEnd = nameEnd + gap + assignment.operator.length;
  const valueStart =
    assignment.valueRange.start.line === assignment.range.start.line
      ? assignment.valueRange.start.character
      : operatorEnd + /^[ \t]*/.exec(content.slice(operatorEnd))![0].length;
  if (valueStart < operatorEnd || content.slice(operatorEnd, valueStart).trim() !== '') return null;
  const value = content.slice(valueStart);
  return content.slice(0, nameEnd) + ' ' + assignment.operator + (value === '' ? '' : ' ' + value);
}

const RULE_SEPARATOR = /^[ \t]*(&::|&:|::|:)/;

/** `targets: prerequisites`: no blank before the colon, one after it, none at the end. */
export function spacedRuleHeader(content: string, rule: Rule): string | null {
  const targetsEnd = rule.targets[rule.targets.length - 1].range.end.character;
  const separator = RULE_SEPARATOR.exec(content.slice(targetsEnd));
  if (separator === null) return null;
  // Only space and tab are blanks to make: a no-break space (U+00A0) or a form feed ends a file name.
  const rest = content.slice(targetsEnd + separator[0].length).replace(/^[ \t]+|[ \t]+$/g, '');
  // A line whose trimmed end is a backslash would start joining the next line to it.
  if (continues(rest)) return null;
  // Grouped targets read as `a b &: c`, the way make's manual writes them.
  const operator = separator[1].startsWith('&') ? ' ' + separator[1] : separator[1];
  return content.slice(0, targetsEnd) + operator + (rest === '' ? '' : ' ' + rest);
}

/**
 * One blank before a continuation backslash. Make replaces the backslash-newline and the blanks
 * around it with one space, so their number does not matter, except after `$` (`a$\` joins
 * `$ ` to the next line: an empty variable) and after more backslashes.
 */
export function spacedContinuation(content: string): string {
  if (!continues(content) || content.endsWith('\\\\')) return content;
  const before = content.slice(0, -1).replace(/[ \t]+$/, '');
  if (before.trim() === '' || before.endsWith('$')) return content;
  return before + ' \\';
}

/** `#comment` becomes `# comment`; trailing blanks go. `#!`, `##` and `#` alone stay as written. */
export function spacedComment(content: string): string {
  const trimmed = content.replace(/[ \t]+$/, '');
  if (continues(trimmed)) return content;
  return trimmed.replace(/^([ \t]*)#(?=[^ \t#!])/, '$1# ');
}
