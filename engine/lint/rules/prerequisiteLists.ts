// MS117 duplicate-prerequisite and MS120 empty-automatic-variable: what one rule's prerequisite list holds.
import type { PrerequisiteSite } from '../../analysis/fileIndex';
import type { Reference, Rule, Word } from '../../parser/ast';
import { prerequisiteCount } from '../../parser/ruleCounts';
import type { LintContext, RuleFinding } from '../lintTypes';
import { isLiteralName } from '../projectIndex';
import {
  hasUnknownIncludes,
  mayName,
  readsAutomatic,
  recipeReadsPrerequisites,
  rulesByTarget,
  rulesListingTwo,
} from './projectFacts';

/** The repeated words among the sites of one list (prerequisites, or order-only ones). */
function duplicatesIn(sites: readonly PrerequisiteSite[], orderOnly: boolean): Word[] {
  const seen = new Set<string>();
  const repeated: Word[] = [];
  for (const { word, orderOnly: inOrderOnly } of sites) {
    if (inOrderOnly !== orderOnly || word.text === '.WAIT') continue;
    if (seen.has(word.text)) repeated.push(word);
    seen.add(word.text);
  }
  return repeated;
}

export function duplicatePrerequisite({ index, project }: LintContext): RuleFinding[] {
  // `$+` keeps repeats on purpose (a library named twice for the linker): there they are meant.
  const readsRepeats = (rule: Rule): boolean => {
    const reads = recipeReadsPrerequisites(project, '+');
    return rule.recipe.some((line) => reads(line.text));
  };
  // Per target name, once: a target with many rules is asked about once, not once per rule.
  const targetKeepsRepeats = new Map<string, boolean>();
  const keepsRepeats = (rule: Rule): boolean => {
    const rules = rulesByTarget(project);
    return rule.targets.some((target) => {
      const all = rules.get(target.text);
      if (!all) return readsRepeats(rule);
      let keeps = targetKeepsRepeats.get(target.text);
      if (keeps === undefined) {
        keeps = all.some(readsRepeats);
        targetKeepsRepeats.set(target.text, keeps);
      }
      return keeps;
    });
  };
  const result: RuleFinding[] = [];
  for (const { rule, sites } of rulesListingTwo(index)) {
    const inList = duplicatesIn(sites, false);
    const inOrderOnly = duplicatesIn(sites, true);
    if ((inList.length === 0 && inOrderOnly.length === 0) || keepsRepeats(rule)) continue;
    const repeated = inOrderOnly.length === 0 ? inList : [...inList, ...inOrderOnly];
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
/** `^D`, `<F`: the directory or file part of an automatic variable. */
const DIRECTORY_OR_FILE = /^(.)[DF]$/;

/** `$<`, `$(^F)`... in a recipe: the automatic variables a rule without prerequisites leaves empty. */
function listsPrerequisitesInRecipe(reference: Reference): boolean {
  return (
    reference.context === 'recipe' &&
    !reference.functionName &&
    EMPTY_WITHOUT_PREREQUISITES.has(reference.name.replace(DIRECTORY_OR_FILE, '$1'))
  );
}

/** References found by the lines they start on: the ones within lines `from`..`to`, in their order. */
function referencesByLine(references: readonly Reference[]): {
  within(from: number, to: number): Reference[];
} {
  const byStart = new Map<number, number[]>();
  for (const [position, reference] of references.entries()) {
    const line = reference.range.start.line;
    const list = byStart.get(line);
    if (list) list.push(position);
    else byStart.set(line, [position]);
  }
  return {
    within(from, to) {
      const positions: number[] = [];
      for (let line = from; line <= to; line++)
        for (const position of byStart.get(line) ?? [])
          if ((references[position]?.range.end.line ?? Infinity) <= to) positions.push(position);
      return positions.sort((a, b) => a - b).flatMap((position) => references[position] ?? []);
    },
  };
}

/**
 * `$^ $+ $? $<` (or `$(^D)`...) anywhere in a text: a recipe line that reads one, with its `$$` removed,
 * holds one as written too. One search of the file instead of one per recipe line.
 */
const READS_PREREQUISITES = /\$(?:[\^+?<]|[({][\^+?<][DF]?[)}])/;

export function emptyAutomaticVariable({ index, project, model }: LintContext): RuleFinding[] {
  const text = model.text(index.uri);
  if (text !== undefined && !READS_PREREQUISITES.test(text)) return [];
  // Cheap first: recipe lines that read the list, of rules that list nothing themselves.
  const candidates = index.recipes.filter(
    ({ rule, line }) =>
      line.text.includes('$') &&
      rule.kind !== 'pattern' &&
      rule.kind !== 'static-pattern' &&
      prerequisiteCount(rule) === 0 &&
      readsAutomatic(line.text, '^+?<') &&
      // Old-fashioned suffix rules (`.c.o:`) and special targets get their prerequisites otherwise.
      rule.targets.every((target) => isLiteralName(target.text) && !target.text.startsWith('.')),
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
  // Per target name, once: the same target in many rules is looked up once.
  const given = new Map<string, boolean>();
  const targetGetsPrerequisites = (name: string): boolean => {
    let known = given.get(name);
    if (known === undefined) {
      known =
        (rules.get(name) ?? []).some((other) => other.prerequisites.length > 0) ||
        patterns.some((pattern) => pattern.rule.prerequisites.length > 0 && mayName(pattern.name, name));
      given.set(name, known);
    }
    return known;
  };
  // Another `:` rule for the same target adds its prerequisites; a `::` rule stands alone.
  const hasPrerequisites = (rule: Rule): boolean =>
    rule.targets.some(
      (target) => !(rule.kind === 'double-colon' || rule.doubleColon) && targetGetsPrerequisites(target.text),
    );
  const listing = referencesByLine(index.parsed.references.filter(listsPrerequisitesInRecipe));
  const result: RuleFinding[] = [];
  for (const { rule, line } of candidates) {
    if (hasPrerequisites(rule)) continue;
    for (const reference of listing.within(line.range.start.line, line.range.end.line)) {
      result.push({
        range: reference.range,
        message: `'${rule.targets[0]?.text ?? ''}' has no prerequisites, so $${reference.name.length > 1 ? `(${reference.name})` : reference.name} is empty here.`,
      });
    }
  }
  return result;
}
