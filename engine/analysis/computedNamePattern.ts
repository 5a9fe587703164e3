// What names an assignment with a computed name (`$(VERBOSE)MAKESILENT = -s`) can define, as a pattern.
import type { VariableDefinition } from './fileIndex';

const computedCache = new WeakMap<readonly VariableDefinition[], [RegExp, VariableDefinition][]>();

/**
 * A file's definitions with a computed name, each with the pattern of the names it can define; kept per
 * list (a file's index never changes).
 */
export function computedDefinitions(
  variables: readonly VariableDefinition[],
): readonly [RegExp, VariableDefinition][] {
  let found = computedCache.get(variables);
  if (!found) {
    found = [];
    for (const variable of variables) {
      if (!variable.name.includes('$')) continue;
      const pattern = computedNamePattern(variable.name);
      if (pattern) found.push([pattern, variable]);
    }
    computedCache.set(variables, found);
  }
  return found;
}

/**
 * The names `raw` can expand to, as an anchored regular expression: its literal text kept, each
 * reference (`$(X)`, `${X}`, `$X`) standing for any text, `$$` for a `$`. undefined when the name has
 * no literal character outside references (`$(1) := ...`): such a name could be any name, and counting
 * every name as defined would silence every finding of the workspace.
 */
export function computedNamePattern(raw: string): RegExp | undefined {
  let source = '^';
  let literal = 0;
  for (let at = 0; at < raw.length; ) {
    const c = raw.charCodeAt(at);
    if (c !== DOLLAR) {
      source += escape(raw[at] as string);
      literal++;
      at++;
      continue;
    }
    const next = raw.charCodeAt(at + 1);
    if (next === DOLLAR) {
      source += '\\$';
      literal++;
      at += 2;
      continue;
    }
    at = next === OPEN_PAREN || next === OPEN_BRACE ? closingOf(raw, at + 1) : at + 2;
    if (!source.endsWith('.*')) source += '.*';
  }
  return literal === 0 ? undefined : new RegExp(`${source}$`);
}

/** The index just past the parenthesis or brace that closes the one at `open`, nesting counted (the end if unclosed). */
function closingOf(raw: string, open: number): number {
  const opener = raw.charCodeAt(open);
  const closer = opener === OPEN_PAREN ? CLOSE_PAREN : CLOSE_BRACE;
  let depth = 0;
  for (let at = open; at < raw.length; at++) {
    const c = raw.charCodeAt(at);
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return at + 1;
  }
  return raw.length;
}

function escape(character: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
}

const DOLLAR = 36;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
