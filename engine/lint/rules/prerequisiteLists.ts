// MS117 duplicate-prerequisite and MS120 empty-automatic-variable: what one rule's prerequisite list holds.
import type { Reference, Rule, Word } from '../../parser/ast';
import type { LintContext, RuleFinding } from '../lintTypes';
import { isLiteralName } from '../projectIndex';
import {
  hasUnknownIncludes,
  mayName,
  readsAutomatic,
  recipeReadsPrerequisites,
  rulesByTarget,
} from './projectFacts';

function duplicatesIn(list: readonly Word[]): Word[] {
  if (list.length < 2) return [];
  const seen = new Set<string>();
  const repeated: Word[] = [];
  for (const word of list) {
    if (word.text === '.WAIT') continue;
    if (seen.has(word.text)) repeated.push(word);
    seen.add(word.text);
  }
  return repeated;
}

export function duplicatePrerequisite({ index, project }: LintContext): RuleFinding[] {
  // `$+` keeps repeats on purpose (a library named twice for the linker): there they are meant.
  const keepsRepeats = (rule: Rule): boolean => {
    const rules = rulesByTarget(project);
    const readsRepeats = recipeReadsPrerequisites(project, '+');
    return rule.targets.some((target) =>
      (rules.get(target.text) ?? [rule]).some((each) => each.recipe.some((line) => readsRepeats(line.text))),
    );
  };
  const result: RuleFinding[] = [];
  for (const rule of index.statements) {
    if (rule.type !== 'rule') continue;
    const repeated = [...duplicatesIn(rule.prerequisites), ...duplicatesIn(rule.orderOnly)];
    if (repeated.length === 0 || keepsRepeats(rule)) continue;
    for (const word of repeated) {
      result.push({
        range: word.range,
        message: `'${word.text}' is listed twice among the prerequisites: make keeps one ($^ drops the repeat), so this one does nothing.`,
      });
    }
  }
  return result;
}

const EMPTY_WITHOUT_PREREQUISITES = new Set(['<', '^', '+', '?']);

/** `$<`, `$(^F)`...: the automatic variables a rule without prerequisites leaves empty. */
function listsPrerequisites(reference: Reference): boolean {
  return (
    !reference.functionName && EMPTY_WITHOUT_PREREQUISITES.has(reference.name.replace(/^(.)[DF]$/, '$1'))
  );
}

export function emptyAutomaticVariable({ index, project, model }: LintContext): RuleFinding[] {
  // Cheap first: recipe lines that read the list, of rules that list nothing themselves.
  const candidates = index.recipes.filter(
    ({ rule, line }) =>
      rule.kind !== 'pattern' &&
      rule.kind !== 'static-pattern' &&
      rule.prerequisites.length === 0 &&
      // Old-fashioned suffix rules (`.c.o:`) and special targets get their prerequisites otherwise.
      rule.targets.every((target) => isLiteralName(target.text) && !target.text.startsWith('.')) &&
      readsAutomatic(line.text, '^+?<'),
  );
  if (candidates.length === 0) return [];
  // A file make reads that the workspace cannot see, or an $(eval), may give the target prerequisites.
  if (
    hasUnknownIncludes(model, project) ||
    project.some((file) => file.parsed.references.some((r) => r.functionName === 'eval'))
  )
    return [];
  const rules = rulesByTarget(project);
  const patterns = project.flatMap((file) => file.targets.filter((target) => !isLiteralName(target.name)));
  const hasPrerequisites = (rule: Rule): boolean =>
    rule.targets.some((target) => {
      // Another `:` rule for the same target adds its prerequisites; a `::` rule stands alone.
      if (rule.kind === 'double-colon' || rule.doubleColon) return false;
      const others = rules.get(target.text) ?? [];
      if (others.some((other) => other.prerequisites.length > 0)) return true;
      return patterns.some(
        (pattern) => pattern.rule.prerequisites.length > 0 && mayName(pattern.name, target.text),
      );
    });
  const result: RuleFinding[] = [];
  for (const { rule, line } of candidates) {
    if (hasPrerequisites(rule)) continue;
    for (const reference of index.parsed.references) {
      if (reference.context !== 'recipe' || !listsPrerequisites(reference)) continue;
      if (
        reference.range.start.line < line.range.start.line ||
        reference.range.end.line > line.range.end.line
      )
        continue;
      result.push({
        range: reference.range,
        message: `'${rule.targets[0]?.text ?? ''}' has no prerequisites, so $${reference.name.length > 1 ? `(${reference.name})` : reference.name} is empty here.`,
      });
    }
  }
  return result;
}
