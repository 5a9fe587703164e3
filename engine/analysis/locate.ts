// Finds what the cursor is on: a variable (definition or reference), a target, a prerequisite, an include...
import type { Position, Range, Reference, Rule, Word } from '../parser/ast';
import { FUNCTIONS, automaticVariableDoc } from './makeBuiltinDocs';
import type { FileIndex, IncludeSite, VariableDefinition } from './fileIndex';
import { indicesNearLine } from './lineSpan';
import { rangeContains, rangeIsInside } from './positions';

export type Located =
  | { kind: 'variable'; name: string; range: Range; reference?: Reference; definition?: VariableDefinition }
  | { kind: 'automatic'; name: string; range: Range }
  | { kind: 'function'; name: string; range: Range }
  | { kind: 'target'; name: string; range: Range; rule: Rule; word: Word }
  | { kind: 'prerequisite'; name: string; range: Range; rule: Rule; word: Word }
  | { kind: 'include'; name: string; range: Range; site: IncludeSite };

export function locate(index: FileIndex, position: Position): Located | undefined {
  const reference = innermostReference(index.parsed.references, position);
  if (reference) return fromReference(reference);
  const definition = firstContaining(index.variables, position, (item) => item.nameRange);
  if (definition) {
    return { kind: 'variable', name: definition.name, range: definition.nameRange, definition };
  }
  const site = firstContaining(index.includes, position, (item) => item.word.range);
  if (site) return { kind: 'include', name: site.word.text, range: site.word.range, site };
  const target = firstContaining(index.targets, position, (item) => item.word.range);
  if (target) {
    return {
      kind: 'target',
      name: target.name,
      range: target.word.range,
      rule: target.rule,
      word: target.word,
    };
  }
  const prerequisite = firstContaining(index.prerequisites, position, (item) => item.word.range);
  if (prerequisite) {
    const { name, word, rule } = prerequisite;
    return { kind: 'prerequisite', name, range: word.range, rule, word };
  }
  return undefined;
}

/** The first item, in list order, whose range contains `position`. */
function firstContaining<T>(
  items: readonly T[],
  position: Position,
  rangeOf: (item: T) => Range,
): T | undefined {
  const [from, to] = indicesNearLine(items, position.line, rangeOf);
  for (let i = from; i < to; i++) if (rangeContains(rangeOf(items[i]), position)) return items[i];
  return undefined;
}

const referenceRange = (reference: Reference): Range => reference.range;

function innermostReference(references: Reference[], position: Position): Reference | undefined {
  let best: Reference | undefined;
  const [from, to] = indicesNearLine(references, position.line, referenceRange);
  for (let i = from; i < to; i++) {
    const reference = references[i];
    if (!rangeContains(reference.range, position)) continue;
    if (!best || rangeIsInside(reference.range, best.range)) best = reference;
  }
  return best;
}

function fromReference(reference: Reference): Located | undefined {
  if (reference.functionName) {
    if (FUNCTIONS[reference.functionName]) {
      return { kind: 'function', name: reference.functionName, range: reference.nameRange };
    }
  }
  if (reference.computed) return undefined;
  if (automaticVariableDoc(reference.name)) {
    return { kind: 'automatic', name: reference.name, range: reference.nameRange };
  }
  return { kind: 'variable', name: reference.name, range: reference.nameRange, reference };
}

/** The target whose recipe holds `position`, when it can be asked for by name (not a pattern). */
export function recipeTargetAt(index: FileIndex, position: Position): string | undefined {
  const name = recipeRuleAt(index, position)?.targets[0]?.text;
  return name && !name.includes('%') && !name.includes('$') ? name : undefined;
}

/** The rule whose recipe holds `position`. */
export function recipeRuleAt(index: FileIndex, position: Position): Rule | undefined {
  return index.recipes.find((site) => rangeContains(site.line.range, position))?.rule;
}
