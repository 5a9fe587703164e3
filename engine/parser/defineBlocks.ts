// Reads a `define NAME [op]` ... `endef` block into an Assignment, counting nested defines like make.
import type { Assignment, Range } from './ast';
import { parseVariableDefinition, type VariableAssignment } from './assignments';
import { rangeBetween } from './lineSpans';
import type { LineTable } from './lineTable';
import { collapsedView, type LineView } from './lineView';
import type { ParseOutput } from './output';
import { scanReferences } from './referenceScanner';
import { endOfToken, findComment, matches, skipBlanks, trimEndBlanks, wordAt } from './scan';

export interface DefineBlock {
  node: Assignment;
  /** The physical line after the block (after `endef`, or past the end of the file). */
  nextLine: number;
}

/**
 * `view` holds the define line up to `commentAt`, its last physical line being `headerLast`.
 * Body lines are collapsed like any non-recipe line and joined with newlines, as make stores them.
 */
export function readDefine(
  table: LineTable,
  output: ParseOutput,
  source: LineView,
  view: LineView,
  assignment: VariableAssignment,
  commentAt: number,
  headerLast: number,
  recipePrefix: number,
): DefineBlock {
  const text = table.text;
  const vt = view.text;
  const headerStart = skipBlanks(vt, assignment.define, commentAt);
  const headerEnd = trimEndBlanks(vt, headerStart, commentAt);
  const definition = parseVariableDefinition(vt, headerStart, headerEnd);
  const nameStart = definition !== null ? definition.nameStart : headerStart;
  const nameEnd = definition !== null ? definition.nameEnd : headerEnd;
  const operator = definition !== null ? definition.operator : '=';
  const name = wordAt(view, nameStart, nameEnd);
  const computedName = name.text.indexOf('$') >= 0;
  if (computedName) scanReferences(view, nameStart, nameEnd, 'assignment-name', output.references);
  const headerRange = view.range(assignment.start, headerEnd);
  const body: string[] = [];
  let depth = 1;
  let endefRange: Range | null = null;
  let bodyLast = headerLast;
  let line = headerLast + 1;
  while (line < table.count) {
    const first = line;
    const last = table.logicalLineEnd(first);
    line = last + 1;
    const lineStart = table.starts[first];
    // make only recognises define/endef on lines that do not start with the recipe prefix.
    if (lineStart >= table.ends[first] || text.charCodeAt(lineStart) !== recipePrefix) {
      const start = skipBlanks(text, lineStart, table.ends[first]);
      const wordEnd = endOfToken(text, start, table.ends[first]);
      if (matches(text, start, wordEnd, 'define')) depth++;
      else if (matches(text, start, wordEnd, 'endef') && --depth === 0) {
        const endef = collapsedView(table, first, last);
        const endefComment = findComment(endef, endef.start, endef.end);
        const endStart = skipBlanks(endef.text, endef.start, endef.end);
        endefRange = endef.range(endStart, trimEndBlanks(endef.text, endStart, endefComment));
        output.comment(endef, endefComment, last);
        break;
      }
    }
    if (first === last) body.push(text.slice(lineStart, table.ends[first]));
    else {
      const bodyLine = collapsedView(table, first, last);
      body.push(bodyLine.text.slice(bodyLine.start, bodyLine.end));
    }
    bodyLast = last;
  }
  const bodyStart = table.starts[Math.min(headerLast + 1, table.count - 1)];
  const bodyEnd = body.length > 0 ? table.ends[bodyLast] : bodyStart;
  // References may span body lines (`$(foreach ...` over several lines), so scan the body as written.
  if (body.length > 0) scanReferences(source, bodyStart, bodyEnd, 'assignment-value', output.references);
  const node: Assignment = {
    type: 'assignment',
    name,
    computedName,
    operator,
    value: body.join('\n'),
    valueRange:
      body.length > 0 ? table.range(bodyStart, bodyEnd) : { start: headerRange.end, end: headerRange.end },
    modifiers: assignment.modifiers,
    define: true,
    range: rangeBetween(
      headerRange.start,
      endefRange !== null ? endefRange.end : table.position(table.ends[table.count - 1]),
    ),
  };
  if (endefRange === null)
    output.problem('unterminated-define', "missing 'endef': unterminated 'define'", headerRange, 'error');
  return { node, nextLine: line };
}
