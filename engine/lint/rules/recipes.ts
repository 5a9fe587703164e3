// Recipe rules: MS103 overriding-recipe, MS108 plain make in a recipe, MS109 $(MAKE) hidden in a variable, MS114 spaces.
import type { RecipeSite, TargetDefinition } from '../../analysis/fileIndex';
import { recipeCount } from '../../parser/ruleCounts';
import { uriToPath } from '../../analysis/uris';
import type { LintContext, RuleFinding } from '../lintTypes';
import { projectIndex } from '../projectIndex';
import { plusLedLeader, plusLedVariables } from '../../analysis/plusLedVariables';
import { mutuallyExclusive } from './conditionalBranches';
import { commandText } from './projectFacts';

/** Up to this many names are looked for by comparing strings; more, in a set. */
const FEW_NAMES = 8;

export function overridingRecipe({ index, project }: LintContext): RuleFinding[] {
  // Only a name listed as a target twice can have two recipes: the others need no entry in the map.
  const twice = [...projectIndex(project).targetsListedTwice].filter(
    (name) => !name.includes('$') && !name.startsWith('.'),
  );
  if (twice.length === 0) return [];
  // A handful (a generated file's) are compared as strings, with no hashing of every target's name.
  const twiceSet = twice.length > FEW_NAMES ? new Set(twice) : undefined;
  const listedTwice = (name: string): boolean => (twiceSet ? twiceSet.has(name) : twice.includes(name));
  // The target definitions with a recipe so far, per name (each holds its file's uri and its rule).
  const recipes = new Map<string, TargetDefinition[]>();
  const result: RuleFinding[] = [];
  for (const file of project) {
    for (const target of file.targets) {
      const { rule } = target;
      if (!listedTwice(target.name)) continue;
      if (target.name.includes('$') || target.name.startsWith('.')) continue;
      if (rule.kind === 'double-colon' || rule.kind === 'pattern' || recipeCount(rule) === 0) continue;
      const earlier = recipes.get(target.name);
      if (!earlier) {
        recipes.set(target.name, [target]);
        continue;
      }
      // A recipe in another branch of the same conditional (git's `ifndef NO_PERL` ... `else`) is never read with it.
      const overridden = earlier.find(
        (other) => other.uri !== file.uri || !mutuallyExclusive(file, other.rule, rule),
      );
      earlier.push(target);
      if (!overridden || file.uri !== index.uri) continue;
      const where = `${uriToPath(overridden.uri)?.split('/').pop() ?? overridden.uri}:${overridden.rule.range.start.line + 1}`;
      result.push({
        range: target.word.range,
        message: `Overriding recipe for target '${target.name}': make ignores the recipe at ${where} and warns "overriding recipe".`,
      });
    }
  }
  return result;
}

/** `make` run as a command: at the start, or after `;`, `&&`, `||`, `|`, `(`, `then`, `do`, `else`. */
const PLAIN_MAKE = /(^|[;&|(]\s*|\b(?:then|do|else|exec)\s+)(make)(?=\s|$)/g;

/** A character `\s` may match: ASCII blanks and controls, and any non-ASCII one (to stay on the safe side). */
function mayBeBlank(code: number): boolean {
  return code <= 32 || code >= 127;
}

/** `;`, `&`, `|`, `(` and the recipe prefixes `@`, `+`, `-` (the command starts after them). */
const BEFORE_COMMAND = new Set([';', '&', '|', '(', '@', '+', '-'].map((c) => c.charCodeAt(0)));

/**
 * Whether `text` holds `make` where PLAIN_MAKE could match it: at the start or after a blank or one of
 * `;&|(@+-`, and before a blank or the end. A scan of the line before the regular expression: most
 * lines that hold the word hold it inside another (cmake's `build.make`, `$(MAKE)` is upper case).
 */
function mayRunMake(text: string): boolean {
  for (let at = text.indexOf('make'); at >= 0; at = text.indexOf('make', at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = at + 4 < text.length ? text.charCodeAt(at + 4) : 32;
    if ((mayBeBlank(before) || BEFORE_COMMAND.has(before)) && mayBeBlank(after)) return true;
  }
  return false;
}

export function plainMakeInRecipe({ index }: LintContext): RuleFinding[] {
  const result: RuleFinding[] = [];
  for (const { line } of index.recipes) {
    // Without the word as a command there is nothing to find (and most recipe lines do not have it).
    if (line.text.includes('\n') || !mayRunMake(line.text)) continue;
    const { command, offset } = commandText(line.text);
    for (const match of command.matchAll(PLAIN_MAKE)) {
      const column = line.range.start.character + offset + (match.index ?? 0) + (match[1]?.length ?? 0);
      result.push({
        range: {
          start: { line: line.range.start.line, character: column },
          end: { line: line.range.start.line, character: column + 4 },
        },
        message:
          "Plain 'make' in a recipe: it ignores the make the user ran (its path, -j jobserver, -n, -k, command-line variables). Use $(MAKE).",
      });
    }
  }
  return result;
}

const MAKE_REFERENCE = /\$[({]MAKE[)}]/;

/** Variables whose value runs a sub-make: `SUBMAKE = $(MAKE) -C lib`. */
function subMakeVariables({ project }: LintContext): Set<string> {
  const names = new Set<string>();
  for (const file of project) {
    for (const variable of file.variables) {
      const { statement } = variable;
      if (statement.type === 'assignment' && MAKE_REFERENCE.test(statement.value)) names.add(variable.name);
    }
  }
  return names;
}

export function hiddenRecursiveMake(context: LintContext): RuleFinding[] {
  const hidden = subMakeVariables(context);
  if (hidden.size === 0) return [];
  let sites: ((line: number) => RecipeSite[]) | undefined;
  let plusLed: Set<string> | undefined;
  /** A line starting with a variable whose value starts with '+' (git's `QUIET_SUBDIR0 = +$(MAKE) -C`) runs under -n. */
  const startsWithPlus = (text: string): boolean =>
    plusLedLeader(text, () => (plusLed ??= plusLedVariables(projectIndex(context.project).assignments))) !==
    undefined;
  const result: RuleFinding[] = [];
  for (const reference of context.index.parsed.references) {
    if (reference.context !== 'recipe' || reference.functionName || !hidden.has(reference.name)) continue;
    sites ??= recipesByLine(context.index.recipes);
    const site = sites(reference.range.start.line).find(
      ({ line }) =>
        line.range.start.line <= reference.range.start.line &&
        reference.range.end.line <= line.range.end.line,
    );
    if (!site || site.line.runsUnderDryRun || startsWithPlus(site.line.text)) continue;
    result.push({
      range: reference.range,
      message: `'${reference.name}' runs $(MAKE), but make only sees $(MAKE) written in the recipe line itself: under -n, -q or -t this sub-make does not run and gets no jobserver. Prefix the line with '+'.`,
      data: { line: String(site.line.range.start.line), character: String(site.line.range.start.character) },
    });
  }
  return result;
}

/** The recipe lines that cover each source line, in reading order: a reference finds its line without a scan. */
function recipesByLine(recipes: readonly RecipeSite[]): (line: number) => RecipeSite[] {
  const byLine = new Map<number, RecipeSite[]>();
  for (const site of recipes) {
    const { start, end } = site.line.range;
    for (let line = start.line; line <= end.line; line++) {
      const list = byLine.get(line);
      if (list) list.push(site);
      else byLine.set(line, [site]);
    }
  }
  return (line) => byLine.get(line) ?? [];
}

export function recipeWithSpaces({ index }: LintContext): RuleFinding[] {
  return index.parsed.problems
    .filter((problem) => problem.code === 'recipe-with-spaces')
    .map((problem) => ({ range: problem.range, message: problem.message }));
}
