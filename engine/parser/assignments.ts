// Recognises variable assignments the way make's parse_var_assignment does: modifiers, then NAME OP.
import type { AssignmentOperator, VariableModifier } from './ast';
import { emptyList } from './listBuilder';
import { COLON, DOLLAR, EQUALS, isBlank, matches, skipBlanks, skipReference, endOfToken } from './scan';

export interface VariableDefinition {
  nameStart: number;
  nameEnd: number;
  operator: AssignmentOperator;
  operatorStart: number;
  /** First non-blank offset after the operator. */
  valueStart: number;
}

/** What parseVariableDefinition answers: one object, filled again by every call. */
const definitionScratch: VariableDefinition = {
  nameStart: 0,
  nameEnd: 0,
  operator: '=',
  operatorStart: 0,
  valueStart: 0,
};

/**
 * `NAME OP value` at `start`, or null. Like make, the name is one word (references may hold
 * blanks); after a blank only an operator may follow, and a lone `:` means a rule. The answer is
 * one reused object, valid until the next call: read it, do not keep it.
 */
export function parseVariableDefinition(text: string, start: number, end: number): VariableDefinition | null {
  const nameStart = skipBlanks(text, start, end);
  let nameEnd = -1;
  let i = nameStart;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR) {
      if (nameEnd >= 0) return null;
      i = skipReference(text, i, end);
      continue;
    }
    if (isBlank(c)) {
      if (nameEnd < 0) nameEnd = i;
      i++;
      continue;
    }
    let operator: AssignmentOperator | null = null;
    let length = 0;
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (c === EQUALS) {
      operator = '=';
      length = 1;
    } else if (c === COLON) {
      if (next === EQUALS) {
        operator = ':=';
        length = 2;
      } else if (next === COLON && i + 2 < end && text.charCodeAt(i + 2) === EQUALS) {
        operator = '::=';
        length = 3;
      } else if (
        next === COLON &&
        i + 3 < end &&
        text.charCodeAt(i + 2) === COLON &&
        text.charCodeAt(i + 3) === EQUALS
      ) {
        operator = ':::=';
        length = 4;
      } else return null;
    } else if (next === EQUALS && (c === 43 || c === 63 || c === 33)) {
      operator = c === 43 ? '+=' : c === 63 ? '?=' : '!=';
      length = 2;
    }
    if (operator !== null) {
      const end2 = nameEnd >= 0 ? nameEnd : i;
      if (end2 === nameStart) return null;
      const definition = definitionScratch;
      definition.nameStart = nameStart;
      definition.nameEnd = end2;
      definition.operator = operator;
      definition.operatorStart = i;
      definition.valueStart = skipBlanks(text, i + length, end);
      return definition;
    }
    if (nameEnd >= 0) return null;
    i++;
  }
  return null;
}

export interface VariableAssignment {
  modifiers: VariableModifier[];
  /** Offset of the first modifier or of the name. */
  start: number;
  /** Set for `define`: the offset just after the keyword. */
  define: number;
  /** Set for `undefine`: the offset just after the keyword. */
  undefine: number;
  definition: VariableDefinition | null;
}

function modifierAt(text: string, start: number, end: number): VariableModifier | null {
  if (matches(text, start, end, 'override')) return 'override';
  if (matches(text, start, end, 'export')) return 'export';
  if (matches(text, start, end, 'unexport')) return 'unexport';
  if (matches(text, start, end, 'private')) return 'private';
  return null;
}

/** True for the first letters of override, export, unexport, private, define and undefine. */
function mayBeKeyword(c: number): boolean {
  return c === 111 || c === 101 || c === 117 || c === 112 || c === 100;
}

/**
 * Modifiers followed by a definition, `define` or `undefine`; null when the line is something else.
 * `hasEquals` false says `text[start, end)` holds no `=`, so no operator: only keywords are looked for.
 * The answer (and its definition) is one reused object, valid until the next call: read it, do not
 * keep it.
 */
export function parseVariableAssignment(
  text: string,
  start: number,
  end: number,
  hasEquals: boolean,
): VariableAssignment | null {
  let i = skipBlanks(text, start, end);
  const first = i;
  // Most lines are rules or plain assignments: allocate the modifier list only when one is seen.
  let modifiers: VariableModifier[] | null = null;
  for (;;) {
    const definition = hasEquals ? parseVariableDefinition(text, i, end) : null;
    if (definition !== null) return found(modifiers, first, -1, -1, definition);
    // Most lines are rules: skip the keyword checks when the word cannot be one.
    if (!mayBeKeyword(text.charCodeAt(i))) return null;
    const wordEnd = endOfToken(text, i, end);
    const modifier = modifierAt(text, i, wordEnd);
    if (modifier !== null) (modifiers ??= []).push(modifier);
    else if (matches(text, i, wordEnd, 'define')) return found(modifiers, first, wordEnd, -1, null);
    else if (matches(text, i, wordEnd, 'undefine')) return found(modifiers, first, -1, wordEnd, null);
    else return null;
    i = skipBlanks(text, wordEnd, end);
    if (i >= end) return null;
  }
}

/** What parseVariableAssignment answers: one object, filled again by every call. */
const assignmentScratch: VariableAssignment = {
  modifiers: emptyList(),
  start: 0,
  define: -1,
  undefine: -1,
  definition: null,
};

/** The assignment starting at `start`; one without modifiers shares the empty list. */
function found(
  modifiers: VariableModifier[] | null,
  start: number,
  define: number,
  undefine: number,
  definition: VariableDefinition | null,
): VariableAssignment {
  const assignment = assignmentScratch;
  assignment.modifiers = modifiers ?? emptyList();
  assignment.start = start;
  assignment.define = define;
  assignment.undefine = undefine;
  assignment.definition = definition;
  return assignment;
}
