// MS101 phony-missing, MS102 phony-stale, MS124 phony-does-nothing: `.PHONY` that lacks a target, names none, or names an empty one.
import { CONVENTIONAL_PHONY_TARGETS } from '../../analysis/makeBuiltinDocs';
import type { TargetDefinition } from '../../analysis/fileIndex';
import type { Rule } from '../../parser/ast';
import { prerequisiteCount, recipeCount } from '../../parser/ruleCounts';
import type { LintContext, RuleFinding } from '../lintTypes';
import { projectIndex } from '../projectIndex';
import { escapeRegExp, isGenerated, rulesByTarget } from './projectFacts';

// Module constants: a regular expression literal in a loop is a new object at each evaluation.
const NAMES_TARGET = /\$@|\$\(@|\$\{@/;
const ESCAPED_DOLLAR = /\$\$/g;

/** A recipe that names its target (`$@`, `$(@D)`, the name itself) may create it: not reported. */
function recipeMayCreate(target: TargetDefinition): boolean {
  const name = target.name;
  return target.rule.recipe.some(
    (line) => NAMES_TARGET.test(line.text.replace(ESCAPED_DOLLAR, '')) || line.text.includes(name),
  );
}

/** Whether a name holds `.`, `/`, `$` or `%` (none of the conventional names does): a file, a pattern or a reference. */
function fileLike(name: string): boolean {
  for (let at = 0; at < name.length; at++) {
    const code = name.charCodeAt(at);
    if (code === DOT || code === SLASH || code === DOLLAR || code === PERCENT) return true;
  }
  return false;
}

const DOT = 46;
const SLASH = 47;
const DOLLAR = 36;
const PERCENT = 37;

/** Conventional names (clean, install...) or a file-less name whose recipe never mentions its target. */
function looksPhony(target: TargetDefinition): boolean {
  // The name first, without a lookup: it rules out most targets (a generated file's are paths).
  if (fileLike(target.name)) return false;
  if (CONVENTIONAL_PHONY_TARGETS.has(target.name)) return true;
  if (target.name.length === 0) return false;
  const { rule } = target;
  if (rule.kind !== 'explicit' || recipeCount(rule) === 0) return false;
  return !recipeMayCreate(target);
}

export function phonyMissing({ index, project }: LintContext): RuleFinding[] {
  const known = projectIndex(project);
  const reported = new Set<string>();
  const result: RuleFinding[] = [];
  for (const target of index.targets) {
    // Cheapest first: looksPhony reads the name's characters; the sets hash it.
    if (!looksPhony(target) || known.isPhony(target.name) || reported.has(target.name)) continue;
    reported.add(target.name);
    const why = CONVENTIONAL_PHONY_TARGETS.has(target.name)
      ? 'is conventionally not a file'
      : 'has a recipe that never names the file it should create ($@)';
    result.push({
      range: target.word.range,
      message: `'${target.name}' ${why} but is not marked .PHONY: a file named '${target.name}' would stop its recipe from running.`,
      data: { target: target.name },
    });
  }
  return result;
}

export function phonyStale({ index, project }: LintContext): RuleFinding[] {
  const known = projectIndex(project);
  // A prerequisite of another rule can be a target that only needs no recipe: it still exists for make.
  const isTarget = (name: string): boolean =>
    (name !== '.PHONY' && known.isTarget(name)) || known.isListedByTargets(name);
  const result: RuleFinding[] = [];
  // The entries read after a rule of their name are targets already: only the others are looked up.
  for (const entry of known.phonyEntriesUnsettled(index)) {
    if (entry.text.includes('$') || isTarget(entry.text)) continue;
    result.push({
      range: entry.range,
      message: `.PHONY lists '${entry.text}' but no rule makes it nor needs it: a leftover, or a misspelt target name.`,
      data: { target: entry.text },
    });
  }
  return result;
}

export function phonyDoesNothing({ index, project }: LintContext): RuleFinding[] {
  // cmake's `cmake_force:`, automake's `installcheck-am:`: placeholders a generator writes everywhere.
  if (isGenerated(index)) return [];
  const rules = rulesByTarget(project);
  const known = projectIndex(project);
  const spacedRecipeLines = new Set(
    index.parsed.problems.filter((p) => p.code === 'recipe-with-spaces').map((p) => p.range.start.line),
  );
  const recipeText = project.flatMap((file) => file.recipes.map((site) => site.line.text)).join('\n');
  const result: RuleFinding[] = [];
  // A recipe indented with spaces is a recipe meant (MS114 says so), not an empty rule.
  const doesSomething = (rule: Rule): boolean =>
    recipeCount(rule) > 0 ||
    prerequisiteCount(rule) > 0 ||
    rule.orderOnly.length > 0 ||
    spacedRecipeLines.has(rule.range.end.line + 1);
  for (const entry of known.phonyEntries(index)) {
    const own = rules.get(entry.text);
    if (!own || known.isNeeded(entry.text) || entry.text.includes('$')) continue;
    if (own.some(doesSomething)) continue;
    // A recipe that runs `$(MAKE) name` uses it, even if it does nothing.
    if (new RegExp(`(^|[\\s'"])${escapeRegExp(entry.text)}($|[\\s'";])`, 'm').test(recipeText)) continue;
    result.push({
      range: entry.range,
      message: `'${entry.text}' is .PHONY and its rule has no prerequisites and no recipe, and nothing needs it: 'make ${entry.text}' does nothing ("Nothing to be done").`,
    });
  }
  return result;
}
