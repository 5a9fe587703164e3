// MS111 oneshell-prefix and MS112 oneshell-errexit: what `.ONESHELL` changes about recipe lines after the first.
import type { LintContext, RuleFinding } from '../lintTypes';
import { hasSpecialTarget } from './projectFacts';

export function oneshellPrefix({ index, project }: LintContext): RuleFinding[] {
  if (!hasSpecialTarget(project, '.ONESHELL')) return [];
  const result: RuleFinding[] = [];
  for (const target of index.targets) {
    if (target.rule.targets[0] !== target.word) continue;
    for (const line of target.rule.recipe.slice(1)) {
      if (line.prefixes.length === 0) continue;
      result.push({
        range: {
          start: line.range.start,
          end: { line: line.range.start.line, character: line.range.start.character + line.prefixes.length },
        },
        message: `Under .ONESHELL make honours '@', '-' and '+' on a recipe's first line only: here '${line.prefixes}' is dropped (with a POSIX shell) and does nothing for this line.`,
      });
    }
  }
  return result;
}

/** `.SHELLFLAGS` as the project sets it (make's default is `-c`). */
function shellFlags({ project }: LintContext): string {
  let flags = '-c';
  for (const file of project) {
    for (const variable of file.variables) {
      if (variable.name === '.SHELLFLAGS' && variable.statement.type === 'assignment')
        flags = variable.statement.value;
    }
  }
  return flags;
}

export function oneshellErrexit(context: LintContext): RuleFinding[] {
  const { index, project } = context;
  if (!hasSpecialTarget(project, '.ONESHELL') || /(^|\s)-\w*e/.test(shellFlags(context))) return [];
  const result: RuleFinding[] = [];
  for (const target of index.targets) {
    if (target.rule.targets[0] !== target.word || target.rule.recipe.length < 2) continue;
    result.push({
      range: target.word.range,
      message: `Under .ONESHELL the recipe of '${target.name}' runs in one shell and only its last command's status counts: a failing earlier line goes unnoticed. Set '.SHELLFLAGS := -ec'.`,
    });
  }
  return result;
}
