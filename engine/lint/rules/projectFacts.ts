// Facts about a project the rules share (phony names, targets with recipes, special targets), computed once per call.
import type { FileIndex } from '../../analysis/fileIndex';

/** Every name listed as a prerequisite of `.PHONY` in the project's files. */
export function phonyNames(project: readonly FileIndex[]): Set<string> {
  const names = new Set<string>();
  for (const file of project) {
    for (const target of file.targets) {
      if (target.name === '.PHONY') for (const p of target.rule.prerequisites) names.add(p.text);
    }
  }
  return names;
}

/** True when some file of the project names `special` (`.ONESHELL`, `.POSIX`) as a target. */
export function hasSpecialTarget(project: readonly FileIndex[], special: string): boolean {
  return project.some((file) => file.targets.some((target) => target.name === special));
}

/** A recipe line's command with its `@`, `-`, `+` prefixes and the blanks among them removed. */
export function commandText(text: string): { command: string; offset: number } {
  const match = /^[@+\-\s]*/.exec(text);
  const offset = match ? match[0].length : 0;
  return { command: text.slice(offset), offset };
}
