// The prerequisites the makefiles' text declares, by target, before make is asked: for target depth.
//
// Only names make reads as written count (no `$` reference, no `%`, no special target such as `.WAIT`).
// A static pattern rule (`objs: %.o: %.c`) gives each of its targets its prerequisites with the stem put
// in, as make does; pattern rules (`%.o: %.c`) and vpath are left to make's own answer.
import type { Rule, Word } from '../parser/ast';
import type { FileIndex } from './fileIndex';
import { SPECIAL_TARGETS } from './makeBuiltinDocs';
import type { DependencyGraph } from './targetDepth';

const isFileName = (text: string): boolean =>
  text.length > 0 && !text.includes('$') && !text.includes('%') && !Object.hasOwn(SPECIAL_TARGETS, text);

/** The graph of `files` (a makefile and what it includes, in reading order): rules of a target add up. */
export function staticDependencyGraph(files: readonly FileIndex[]): DependencyGraph {
  const prerequisites = new Map<string, string[]>();
  for (const file of files)
    for (const statement of file.statements)
      if (statement.type === 'rule' && statement.kind !== 'pattern') addRule(statement, prerequisites);
  return { prerequisites: (name) => prerequisites.get(name) };
}

function addRule(rule: Rule, prerequisites: Map<string, string[]>): void {
  for (const target of rule.targets) {
    if (!isFileName(target.text)) continue;
    const listed = rule.targetPattern
      ? instantiated(rule.targetPattern.text, target.text, rule.prerequisites)
      : rule.prerequisites.map((word) => word.text);
    if (!listed) continue;
    // A name listed twice is walked once (the depth's walk keeps each answer): no need to drop repeats.
    const names = listed.filter(isFileName);
    const known = prerequisites.get(target.text);
    if (known) for (const name of names) known.push(name);
    else prerequisites.set(target.text, names);
  }
}

/** A static pattern rule's prerequisites for one target; undefined when the target does not match (make ignores it). */
function instantiated(pattern: string, target: string, words: readonly Word[]): string[] | undefined {
  const percent = pattern.indexOf('%');
  if (percent < 0) return undefined;
  const prefix = pattern.slice(0, percent);
  const suffix = pattern.slice(percent + 1);
  if (target.length < prefix.length + suffix.length) return undefined;
  if (!target.startsWith(prefix) || !target.endsWith(suffix)) return undefined;
  const stem = target.slice(prefix.length, target.length - suffix.length);
  // make puts the stem in for the first `%` of each prerequisite only.
  return words.map((word) => word.text.replace('%', stem));
}
