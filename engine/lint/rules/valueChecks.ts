// MS119 empty-reference, MS121 recursive-self-reference, MS122 trailing-blanks: slips inside assigned values.
import type { Assignment, Comment, Reference } from '../../parser/ast';
import type { LintContext, RuleFinding } from '../lintTypes';
import { escapeRegExp } from './projectFacts';

/** `$()` or `${}`: a reference to the variable with no name. */
function isEmptyReference(reference: Reference): boolean {
  if (reference.name !== '' || reference.functionName) return false;
  // Read only now: a reference's range is built when read.
  const { start, end } = reference.range;
  return start.line === end.line && end.character - start.character === 3;
}

export function emptyReference({ index, model }: LintContext): RuleFinding[] {
  const references = index.parsed.references.filter(isEmptyReference);
  if (references.length === 0) return [];
  const lines = (model.text(index.uri) ?? '').split(/\r?\n|\r/);
  const result: RuleFinding[] = [];
  for (const reference of references) {
    const { start, end } = reference.range;
    const text = lines[start.line] ?? '';
    // `space := $() $()` and `X := $()  indented`: `$()` keeps the blanks beside it from being stripped.
    const before = text[start.character - 1] ?? '';
    const after = text[end.character] ?? '';
    if (/[ \t]/.test(before) || /[ \t]/.test(after)) continue;
    result.push({
      range: reference.range,
      message: `'${text.slice(start.character, end.character)}' names no variable and expands to nothing: a name left out, or a leftover.`,
    });
  }
  return result;
}

/**
 * The assignments of this file (global or target-specific), `define` bodies included, in reading
 * order: read from the file's variables (one per assignment) rather than from every statement.
 */
function assignments({ index }: LintContext): Assignment[] {
  const result: Assignment[] = [];
  for (const { statement } of index.variables)
    if (statement.type === 'assignment' && !statement.computedName) result.push(statement);
  return result;
}

export function recursiveSelfReference(context: LintContext): RuleFinding[] {
  const result: RuleFinding[] = [];
  for (const assignment of assignments(context)) {
    if (assignment.operator !== '=') continue;
    const name = assignment.name.text;
    // A value that does not hold the name cannot refer to it: most do not, and the pattern below is
    // compiled per name (10,000 of them took 40 ms of every lint of a 100,000-line file).
    if (!assignment.value.includes(name)) continue;
    const self = new RegExp(
      `\\$(?:[({]${escapeRegExp(name)}[)}:]${name.length === 1 ? `|${escapeRegExp(name)}` : ''})`,
    );
    const value = assignment.value.replace(/\$\$/g, '');
    // `X = $(eval X := ...)$(X)` (git's lazy `:=`) replaces itself before it reads itself.
    if (!self.test(value) || /\$[({]eval[\s)}]/.test(value)) continue;
    // `X = $(X) more` means "append": `X += more` says so and keeps X's flavor.
    const appended = new RegExp(`^\\$[({]${escapeRegExp(name)}[)}][ \\t]+`).exec(assignment.value);
    const rest = appended ? assignment.value.slice(appended[0].length) : undefined;
    const fixable =
      rest !== undefined &&
      !self.test(rest.replace(/\$\$/g, '')) &&
      !assignment.define &&
      assignment.valueRange.start.line === assignment.valueRange.end.line;
    result.push({
      range: assignment.name.range,
      message: `'${name}' is recursively expanded ('=') and its value refers to itself: make stops with "Recursive variable '${name}' references itself (eventually)" as soon as it is expanded. Use '+=' to append, or ':=' to build on the old value.`,
      ...(fixable
        ? {
            data: {
              line: String(assignment.name.range.end.line),
              from: String(assignment.name.range.end.character),
              to: String(assignment.valueRange.end.character),
              text: ` += ${rest}`,
            },
          }
        : {}),
    });
  }
  return result;
}

export function trailingBlanks(context: LintContext): RuleFinding[] {
  const result: RuleFinding[] = [];
  let lines: string[] | undefined;
  let commentAt: ((line: number) => Comment | undefined) | undefined;
  for (const assignment of assignments(context)) {
    if (assignment.define) continue;
    const blanks = /[ \t]+$/.exec(assignment.value)?.[0].length ?? 0;
    if (blanks === 0) continue;
    // `space := $(empty) $(empty) ` and the manual's `$(nullstring) # end of the line` are made of blanks on purpose.
    if (assignment.value.replace(/\$[({][^)}]*[)}]/g, '').trim().length === 0) continue;
    const end = assignment.valueRange.end;
    const start = { line: end.line, character: end.character - blanks };
    // A blank made by a `\` before an empty line (`core-y := \`, `applets/ \`, blank) is not on the line to remove.
    lines ??= (context.model.text(context.index.uri) ?? '').split(/\r?\n|\r/);
    if (!/^[ \t]+$/.test(lines[end.line]?.slice(Math.max(0, start.character), end.character) ?? '')) continue;
    commentAt ??= commentsByLine(context.index.parsed.comments);
    if (start.character < 0 || saysBlankIsMeant(commentAt(end.line))) continue;
    result.push({
      range: { start, end },
      message: `The value of '${assignment.name.text}' ends in ${blanks} blank${blanks > 1 ? 's' : ''} that make keeps: '$(${assignment.name.text})/x' gives '${assignment.value.trim()}${' '.repeat(blanks)}/x'.`,
    });
  }
  return result;
}

/** `X = find # space is required here`: a comment on the line that speaks of the blank says it is meant. */
function saysBlankIsMeant(comment: Comment | undefined): boolean {
  return comment !== undefined && /\b(space|blank|whitespace)s?\b/i.test(comment.text);
}

/** The first comment that starts on each line. */
function commentsByLine(comments: readonly Comment[]): (line: number) => Comment | undefined {
  const byLine = new Map<number, Comment>();
  for (const comment of comments) {
    const line = comment.range.start.line;
    if (!byLine.has(line)) byLine.set(line, comment);
  }
  return (line) => byLine.get(line);
}
