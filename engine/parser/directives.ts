// Builds the one-line directives: include and its variants, vpath, export/unexport/undefine.
import type { Include, Range, VariableDirective, VariableModifier, Vpath } from './ast';
import type { LineView } from './lineView';
import { COLON, DOLLAR, isBlank, skipReference, splitWords, wordAt } from './scan';

export function includeDirective(
  view: LineView,
  directive: Include['directive'],
  argsStart: number,
  argsEnd: number,
  range: Range,
): Include {
  return { type: 'include', directive, paths: splitWords(view, argsStart, argsEnd), range };
}

export function variableDirective(
  view: LineView,
  directive: VariableDirective['directive'],
  modifiers: VariableModifier[],
  argsStart: number,
  argsEnd: number,
  range: Range,
): VariableDirective {
  return {
    type: 'variable-directive',
    directive,
    names: splitWords(view, argsStart, argsEnd),
    modifiers,
    range,
  };
}

/** `vpath`, `vpath PATTERN` or `vpath PATTERN DIRS`; directories are separated by blanks or colons. */
export function vpathDirective(view: LineView, argsStart: number, argsEnd: number, range: Range): Vpath {
  const words = splitWords(view, argsStart, argsEnd);
  const node: Vpath = { type: 'vpath', directories: [], range };
  if (words.length === 0) return node;
  node.pattern = words[0];
  if (words.length === 1) return node;
  const text = view.text;
  // Re-split everything after the pattern, this time on colons too.
  const patternEnd = findEndOfFirstWord(text, argsStart, argsEnd);
  let i = patternEnd;
  while (i < argsEnd) {
    while (i < argsEnd && (isBlank(text.charCodeAt(i)) || text.charCodeAt(i) === COLON)) i++;
    if (i >= argsEnd) break;
    const start = i;
    while (i < argsEnd) {
      const c = text.charCodeAt(i);
      if (isBlank(c) || c === COLON) break;
      if (c === DOLLAR) i = skipReference(text, i, argsEnd);
      else i++;
    }
    node.directories.push(wordAt(view, start, i));
  }
  return node;
}

function findEndOfFirstWord(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  while (i < end && !isBlank(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === DOLLAR) i = skipReference(text, i, end);
    else i++;
  }
  return i;
}
