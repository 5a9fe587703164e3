// MS125 missing-include: `include` of a file that does not exist and that no rule makes, so make stops.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { LintContext, RuleFinding } from '../lintTypes';
import { isLiteralName } from '../projectIndex';
import { projectTargetWords, rulesByTarget, someMayName, unfollowedIncludes } from './projectFacts';

/** Where make looks for a relative include after the current folder and `-I` (read.c's default_include_directories). */
const MAKE_INCLUDE_DIRECTORIES = ['/usr/gnu/include', '/usr/local/include', '/usr/include'];

export function missingInclude({ index, project, model }: LintContext): RuleFinding[] {
  const unfollowed = unfollowedIncludes(model, [index]).filter(
    (site) =>
      site.include.directive === 'include' && isLiteralName(site.word.text) && !/[*?[]/.test(site.word.text),
  );
  if (unfollowed.length === 0) return [];
  // A rule (or `.DEFAULT`'s recipe) that may make the file lets make create it and read it.
  if (
    rulesByTarget(project)
      .get('.DEFAULT')
      ?.some((rule) => rule.recipe.length > 0)
  )
    return [];
  const targets = projectTargetWords(project);
  const result: RuleFinding[] = [];
  for (const site of unfollowed) {
    const name = site.word.text;
    if (someMayName(targets, name) || someMayName(targets, path.normalize(name))) continue;
    if (!path.isAbsolute(name) && MAKE_INCLUDE_DIRECTORIES.some((dir) => existsSync(path.join(dir, name))))
      continue;
    result.push({
      range: site.word.range,
      message: `'${name}' does not exist and no rule makes it: make stops ("${name}: No such file or directory", "No rule to make target '${name}'"). Use '-include' if it is optional.`,
    });
  }
  return result;
}
