// Every lint rule: its code, name, default severity, rationale and check. docs/lint.md is this table in prose.
import type { LintRule } from './lintTypes';
import { oneshellErrexit, oneshellPrefix } from './rules/oneshell';
import { missingInclude } from './rules/missingInclude';
import { mixedColonRules } from './rules/mixedColonRules';
import { phonyDoesNothing, phonyMissing, phonyStale } from './rules/phony';
import { circularDependency, redundantPrerequisite, selfDependency } from './rules/prerequisiteGraph';
import { duplicatePrerequisite, emptyAutomaticVariable } from './rules/prerequisiteLists';
import { posixPortability } from './rules/posix';
import { hiddenRecursiveMake, overridingRecipe, plainMakeInRecipe, recipeWithSpaces } from './rules/recipes';
import { targetTimestamp } from './rules/targetTimestamp';
import { undefinedVariable } from './rules/undefinedVariable';
import { emptyReference, recursiveSelfReference, trailingBlanks } from './rules/valueChecks';
import { redefinedVariable, shellInRecursive, unusedVariable } from './rules/variableUse';

export const LINT_RULES: readonly LintRule[] = [
  {
    code: 'MS101',
    name: 'phony-missing',
    defaultSeverity: 'warning',
    rationale:
      'A target that is not a file (clean, all, or a recipe that never writes $@) runs only while no file of that name exists; .PHONY makes it run every time.',
    quickFix: true,
    check: phonyMissing,
  },
  {
    code: 'MS102',
    name: 'phony-stale',
    defaultSeverity: 'warning',
    rationale:
      'A .PHONY entry that no rule makes or needs is a leftover or a misspelling of the real target.',
    quickFix: true,
    check: phonyStale,
  },
  {
    code: 'MS103',
    name: 'overriding-recipe',
    defaultSeverity: 'warning',
    rationale: 'Two recipes for one target: make keeps the last and warns; the first never runs.',
    quickFix: false,
    check: overridingRecipe,
  },
  {
    code: 'MS104',
    name: 'undefined-variable',
    defaultSeverity: 'information',
    rationale:
      "A reference nothing defines expands to nothing (make does not complain). Automatic variables, make's own, the environment's and loop variables are known.",
    quickFix: false,
    check: undefinedVariable,
  },
  {
    code: 'MS105',
    name: 'unused-variable',
    defaultSeverity: 'information',
    rationale:
      "An assignment no makefile reads, exports or tests is dead or misspelt. Names make's built-in rules read (CFLAGS, LDLIBS...) and exported ones count as used.",
    quickFix: false,
    check: unusedVariable,
  },
  {
    code: 'MS106',
    name: 'redefined-variable',
    defaultSeverity: 'information',
    rationale:
      'A second unconditional `=`/`:=` replaces the first value: usually a copy-paste slip. `X := $(X) more`, `override` and an empty first value (`X =`, a declaration) are meant and not reported.',
    quickFix: false,
    check: redefinedVariable,
  },
  {
    code: 'MS107',
    name: 'shell-in-recursive',
    defaultSeverity: 'warning',
    rationale:
      'A `=` variable is expanded at each use, so a $(shell ...) in it runs again every time; `:=` runs it once. The memoizing `X = $(eval X := $$(shell ...))$(X)` runs it once and is not reported, nor is a command that names a file some rule writes (`KERNELRELEASE = $(shell cat .kernelrelease)`): there `=` reads it again once the build has written it.',
    quickFix: true,
    check: shellInRecursive,
  },
  {
    code: 'MS108',
    name: 'plain-make',
    defaultSeverity: 'warning',
    rationale:
      '`make` in a recipe starts whatever make is on PATH without the jobserver, -n, -k or command-line variables; $(MAKE) passes them on.',
    quickFix: true,
    check: plainMakeInRecipe,
  },
  {
    code: 'MS109',
    name: 'hidden-recursive-make',
    defaultSeverity: 'warning',
    rationale:
      'make treats a line as a sub-make (runs it under -n, gives it the jobserver) only when $(MAKE) is written in it; hidden in a variable it needs a `+` prefix.',
    quickFix: true,
    check: hiddenRecursiveMake,
  },
  {
    code: 'MS110',
    name: 'target-timestamp',
    defaultSeverity: 'warning',
    rationale:
      'A target named after a date or $(shell date) changes name between runs: make can never find it up to date.',
    quickFix: false,
    check: targetTimestamp,
  },
  {
    code: 'MS111',
    name: 'oneshell-prefix',
    defaultSeverity: 'warning',
    rationale:
      "Under .ONESHELL only the first recipe line's '@', '-', '+' count; on later lines they are stripped and do nothing.",
    quickFix: false,
    check: oneshellPrefix,
  },
  {
    code: 'MS112',
    name: 'oneshell-errexit',
    defaultSeverity: 'information',
    rationale:
      'Under .ONESHELL a recipe is one shell script: without `-e` in .SHELLFLAGS only the last command decides success.',
    quickFix: false,
    check: oneshellErrexit,
  },
  {
    code: 'MS113',
    name: 'posix-portability',
    defaultSeverity: 'warning',
    rationale:
      'A makefile that declares .POSIX promises to work with any POSIX make: GNU-only syntax (functions, conditionals, `:=`, % rules) breaks that promise.',
    quickFix: false,
    check: posixPortability,
  },
  {
    code: 'MS114',
    name: 'recipe-with-spaces',
    defaultSeverity: 'error',
    rationale: 'make needs a tab (or .RECIPEPREFIX) before a recipe line: spaces give "missing separator".',
    quickFix: true,
    check: recipeWithSpaces,
  },
  {
    code: 'MS115',
    name: 'self-dependency',
    defaultSeverity: 'warning',
    rationale:
      'A target listed among its own prerequisites can never be older than itself: make drops the edge and says "Circular X <- X dependency dropped."',
    quickFix: false,
    check: selfDependency,
  },
  {
    code: 'MS116',
    name: 'circular-dependency',
    defaultSeverity: 'warning',
    rationale:
      'Targets that need each other in a loop: make drops one edge of the loop ("Circular Y <- X dependency dropped.") and builds in an order nobody wrote.',
    quickFix: false,
    check: circularDependency,
  },
  {
    code: 'MS117',
    name: 'duplicate-prerequisite',
    defaultSeverity: 'information',
    rationale:
      'A prerequisite named twice in one rule: make keeps one ($^ drops the repeat), so the second is noise or a different name misspelt. Not reported when the recipe uses $+, which keeps repeats on purpose.',
    quickFix: true,
    check: duplicatePrerequisite,
  },
  {
    code: 'MS118',
    name: 'redundant-prerequisite',
    defaultSeverity: 'hint',
    rationale:
      'A prerequisite that another prerequisite of the same rule already needs adds nothing to the order or to when the target rebuilds. Not reported when the recipe names its prerequisites ($^ $+ $? $<).',
    quickFix: false,
    check: redundantPrerequisite,
  },
  {
    code: 'MS119',
    name: 'empty-reference',
    defaultSeverity: 'warning',
    rationale:
      '`$()` or `${}` names no variable and expands to nothing: a name left out. Beside a blank (`space := $() $()`) it keeps the blank and is meant.',
    quickFix: false,
    check: emptyReference,
  },
  {
    code: 'MS120',
    name: 'empty-automatic-variable',
    defaultSeverity: 'warning',
    rationale:
      '$<, $^, $+ and $? list the prerequisites: in the recipe of a target that has none (in any rule) they are empty and the command gets no file.',
    quickFix: false,
    check: emptyAutomaticVariable,
  },
  {
    code: 'MS121',
    name: 'recursive-self-reference',
    defaultSeverity: 'error',
    rationale:
      '`X = $(X) more` makes X expand to itself forever: make stops with "Recursive variable \'X\' references itself (eventually)" at its first use. `+=` appends; `:=` builds on the old value.',
    quickFix: true,
    check: recursiveSelfReference,
  },
  {
    code: 'MS122',
    name: 'trailing-blanks',
    defaultSeverity: 'warning',
    rationale:
      'Blanks at the end of a value (before the end of the line or a comment) stay in it: `$(OUT)/x` becomes `build   /x`. Values made only of references and blanks build a space on purpose.',
    quickFix: true,
    check: trailingBlanks,
  },
  {
    code: 'MS123',
    name: 'mixed-colon-rules',
    defaultSeverity: 'error',
    rationale:
      'One target with a `:` rule and a `::` rule: make refuses the makefile ("target file \'X\' has both : and :: entries"). Rules in different branches of one conditional are never both read.',
    quickFix: false,
    check: mixedColonRules,
  },
  {
    code: 'MS124',
    name: 'phony-does-nothing',
    defaultSeverity: 'warning',
    rationale:
      'A .PHONY target whose rules have no prerequisites and no recipe, and that nothing needs: `make X` does nothing. MS102 covers a .PHONY name with no rule at all.',
    quickFix: false,
    check: phonyDoesNothing,
  },
  {
    code: 'MS125',
    name: 'missing-include',
    defaultSeverity: 'error',
    rationale:
      '`include` of a file that exists nowhere make looks and that no rule makes: make stops ("No such file or directory", "No rule to make target"). `-include` and `sinclude` may miss.',
    quickFix: false,
    check: missingInclude,
  },
  {
    code: 'MS201',
    name: 'recipe-shell-syntax',
    defaultSeverity: 'error',
    rationale:
      "The recipe as the shell gets it ($$ undone, make's references as placeholders) does not parse under `sh -n` (or `bash -n` when SHELL is bash, with .SHELLFLAGS): the line fails when it runs.",
    quickFix: false,
    runsPrograms: true,
    check: () => [],
  },
  {
    code: 'MS202',
    name: 'recipe-shellcheck',
    defaultSeverity: 'warning',
    rationale:
      'shellcheck (when installed) on the same recipe text: quoting, word splitting, `cd` without a check... each message carries its SC code.',
    quickFix: false,
    runsPrograms: true,
    check: () => [],
  },
];

/** The rule with this code or name, if any. */
export function lintRule(codeOrName: string): LintRule | undefined {
  return LINT_RULES.find((rule) => rule.code === codeOrName || rule.name === codeOrName);
}
