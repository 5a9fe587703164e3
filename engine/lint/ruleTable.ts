// Every lint rule: its code, name, default severity, rationale and check. docs/lint.md is this table in prose.
import type { LintRule } from './lintTypes';
import { oneshellErrexit, oneshellPrefix } from './rules/oneshell';
import { phonyMissing, phonyStale } from './rules/phony';
import { posixPortability } from './rules/posix';
import { hiddenRecursiveMake, overridingRecipe, plainMakeInRecipe, recipeWithSpaces } from './rules/recipes';
import { targetTimestamp } from './rules/targetTimestamp';
import { undefinedVariable } from './rules/undefinedVariable';
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
      'A second unconditional `=`/`:=` replaces the first value: usually a copy-paste slip. `X := $(X) more` and `override` are meant and not reported.',
    quickFix: false,
    check: redefinedVariable,
  },
  {
    code: 'MS107',
    name: 'shell-in-recursive',
    defaultSeverity: 'warning',
    rationale:
      'A `=` variable is expanded at each use, so a $(shell ...) in it runs again every time; `:=` runs it once.',
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
