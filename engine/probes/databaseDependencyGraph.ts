// The prerequisites make's database lists, by target, for target depth: pattern rules, includes and
// variables resolved as make resolved them for every file it looked at.
//
// make prints its database after the run, so an edge it dropped as circular ("Circular B <- A dependency
// dropped.") is gone from it; the makefiles' text still has it. Such an edge is told apart from one
// written in a branch make did not read by the way back: the dropped prerequisite leads to its target.
import { SPECIAL_TARGETS } from '../analysis/makeBuiltinDocs';
import type { DependencyGraph } from '../analysis/targetDepth';
import type { MakeDatabase } from './parsers/databaseModel';

/** How many names the search for a way back may visit per question: bounded for generated trees. */
const WAY_BACK_BUDGET = 100_000;

export function databaseDependencyGraph(
  database: MakeDatabase,
  /** The prerequisites the makefiles' text declares (staticDependencyGraph), to find the edges make dropped. */
  written?: DependencyGraph,
): DependencyGraph {
  const prerequisites = new Map<string, string[]>();
  const unchecked = new Set<string>();
  for (const file of database.files) {
    // `::` rules come as one entry each: their prerequisites add up like those of single-colon rules.
    const names = file.prerequisites.filter((name) => !Object.hasOwn(SPECIAL_TARGETS, name));
    const known = prerequisites.get(file.name);
    if (known) for (const name of names) known.push(name);
    else prerequisites.set(file.name, names);
    if (file.state === 'never-checked' && !file.phony) unchecked.add(file.name);
  }
  const reaches = (from: string, goal: string): boolean => {
    const seen = new Set<string>();
    const todo = [from];
    for (let name = todo.pop(); name !== undefined && seen.size < WAY_BACK_BUDGET; name = todo.pop()) {
      if (name === goal) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const next of prerequisites.get(name) ?? []) todo.push(next);
    }
    return false;
  };
  return {
    prerequisites: (name) => prerequisites.get(name),
    unchecked: (name) => unchecked.has(name),
    droppedFrom(name) {
      const declared = written?.prerequisites(name);
      const listed = prerequisites.get(name);
      if (!declared || !listed || declared.length === 0) return undefined;
      const kept = new Set(listed);
      return declared.find((missing) => !kept.has(missing) && (missing === name || reaches(missing, name)));
    },
  };
}
