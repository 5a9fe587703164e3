// Which environment and command-line variables reach a target: references followed through make's database.
import type { DbVariable, MakeDatabase } from '../probes/parsers/databaseParser';
import type { WrittenValue } from './writtenValues';

const OUTSIDE_ORIGINS = new Set(['environment', 'command line', 'environment under -e']);
const REFERENCE = /\$[({]([^$(){}:\s,=#]+)|\$([A-Za-z0-9_])/g;
const MAX_FILES = 2000;

/** The goals make would build: the given targets, else .DEFAULT_GOAL from the database. */
export function goalsOf(db: MakeDatabase, targets: readonly string[]): string[] {
  if (targets.length > 0) return [...targets];
  const goal = db.variables.find((variable) => variable.name === '.DEFAULT_GOAL')?.value.trim();
  return goal ? [goal] : [];
}

/**
 * Variables from the environment or the command line used by the goals' recipes and prerequisites,
 * also through simple variables assigned from them when `written` gives their values as written.
 */
export function influentialVariables(
  db: MakeDatabase,
  targets: readonly string[],
  written?: WrittenValue,
): DbVariable[] {
  const globals = new Map(db.variables.map((variable) => [variable.name, variable]));
  const files = new Map(db.files.map((file) => [file.name, file]));
  const texts: string[] = [];
  const queue = goalsOf(db, targets);
  const seenFiles = new Set<string>();
  while (queue.length > 0 && seenFiles.size < MAX_FILES) {
    const name = queue.shift() as string;
    if (seenFiles.has(name)) continue;
    seenFiles.add(name);
    const file = files.get(name);
    if (!file) continue;
    texts.push(...(file.recipe?.lines ?? []));
    for (const variable of file.targetVariables) texts.push(variable.value);
    queue.push(...file.prerequisites, ...file.orderOnly);
  }
  const found = new Map<string, DbVariable>();
  const seenNames = new Set<string>();
  while (texts.length > 0) {
    const text = texts.pop() as string;
    for (const match of text.matchAll(REFERENCE)) {
      const name = match[1] ?? match[2];
      if (!name || seenNames.has(name)) continue;
      seenNames.add(name);
      const variable = globals.get(name);
      if (!variable) continue;
      if (OUTSIDE_ORIGINS.has(variable.origin)) found.set(name, variable);
      if (variable.flavor !== 'simple') texts.push(variable.value);
      else if (!OUTSIDE_ORIGINS.has(variable.origin)) {
        const text = written?.(variable);
        if (text !== undefined) texts.push(text);
      }
    }
  }
  return [...found.values()];
}
