// MS104 undefined-variable: a reference no makefile, make itself, the environment or a loop defines.
import { MAKE_DEFINED_VARIABLES, automaticVariableDoc } from '../../analysis/makeBuiltinDocs';
import { boundNames, definedNames } from '../../analysis/variableNames';
import type { LintContext, RuleFinding } from '../lintTypes';

/** Enough to act on; a generated or hostile file could otherwise publish millions of them. */
const MAX_UNDEFINED_REPORTS = 1000;
/** `$(1)`: a `call` argument. */
const DIGITS = /^\d+$/;
const BLANK_OR_DOLLAR = /[\s$]/;

export function undefinedVariable({ index, model, environment }: LintContext): RuleFinding[] {
  const defined = definedNames(model);
  const loopVariables = boundNames(index);
  const result: RuleFinding[] = [];
  const seen = new Set<string>();
  const messages = new Map<string, string>();
  // The names found defined so far: one lookup for each later reference to them instead of up to four
  // (a generated file refers to make's own $(MAKE) thousands of times).
  const known = new Set<string>();
  for (const reference of index.parsed.references) {
    const { name } = reference;
    if (reference.functionName || reference.computed || known.has(name)) continue;
    // Set lookups first: most names are defined, and the tests below run regular expressions.
    if (
      defined.has(name) ||
      MAKE_DEFINED_VARIABLES.has(name) ||
      environment.has(name) ||
      loopVariables.has(name)
    ) {
      known.add(name);
      continue;
    }
    if (name.length === 0 || DIGITS.test(name) || BLANK_OR_DOLLAR.test(name) || automaticVariableDoc(name))
      continue;
    const key = `${name}@${reference.range.start.line}:${reference.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (result.length === MAX_UNDEFINED_REPORTS) {
      result.push({
        range: reference.nameRange,
        message: `More references to variables no makefile defines follow; only the first ${MAX_UNDEFINED_REPORTS} are reported.`,
      });
      break;
    }
    // One message per name: a generated file repeats the same few names hundreds of times.
    let message = messages.get(name);
    if (message === undefined) {
      message = `'${name}' is defined in no makefile of the workspace nor by make: it expands to nothing unless set in the environment or on the command line.`;
      messages.set(name, message);
    }
    result.push({ range: reference.nameRange, message });
  }
  return result;
}
