// How long a rule's lists are, read without building them: a RuleNode builds a one-item list anew on each read.
import type { Rule } from './ast';
import { RuleNode } from './ruleNode';

/** The number of recipe lines of `rule`. */
export function recipeCount(rule: Rule): number {
  return rule instanceof RuleNode ? rule.recipeCount : rule.recipe.length;
}

/** The number of targets of `rule` (none for a line like `: a b`). */
export function targetCount(rule: Rule): number {
  return rule instanceof RuleNode ? rule.targetCount : rule.targets.length;
}

/** The number of prerequisites of `rule` (order-only ones apart). */
export function prerequisiteCount(rule: Rule): number {
  return rule instanceof RuleNode ? rule.prerequisiteCount : rule.prerequisites.length;
}
