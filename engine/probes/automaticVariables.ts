// Automatic variables ($@ $< $^ $+ $? $* $| $(@D) $(@F)) of one rule, read from make's database.
//
// The rule is found by where its recipe starts (make prints "recipe to execute (from 'FILE', line N)"
// for every file it builds with that recipe): an explicit rule gives its targets, a pattern rule the
// instances make considered. make prints the automatic values of the files it searched an implicit
// rule for; for the others they are derived as make sets them: `$^` the prerequisites of all the
// target's rule lines without duplicates, `$+` with them, `$<` the first, `$|` the order-only ones,
// `$*` the stem (explicit rules: the name without a suffix listed in .SUFFIXES).
import * as path from 'node:path';
import type { DbFile, MakeDatabase } from './parsers/databaseModel';

export const AUTOMATIC_NAMES = ['@', '<', '^', '+', '?', '*', '|', '@D', '@F'] as const;
export type AutomaticName = (typeof AUTOMATIC_NAMES)[number];

export interface RuleInstance {
  target: string;
  /** Absent when the database cannot tell (`$?` of a target make did not check). */
  values: Partial<Record<AutomaticName, string>>;
}

/** Every file of the database whose recipe starts at `file`:`line` (1-based), in make's order. */
export function ruleInstances(
  database: MakeDatabase,
  recipe: { file: string; line: number },
  /** The directory make ran in: recipe file names are relative to it. */
  directory: string,
): RuleInstance[] {
  const wanted = path.resolve(recipe.file);
  const suffixes = database.files.find((file) => file.name === '.SUFFIXES')?.prerequisites ?? [];
  const states = new Map(database.files.map((file) => [file.name, file.state]));
  return database.files
    .filter(
      (file) =>
        file.recipe?.file !== undefined &&
        file.recipe.line === recipe.line &&
        path.resolve(directory, file.recipe.file) === wanted,
    )
    .map((file) => ({ target: file.name, values: valuesOf(file, suffixes, states) }));
}

function valuesOf(
  file: DbFile,
  suffixes: readonly string[],
  states: ReadonlyMap<string, string>,
): Partial<Record<AutomaticName, string>> {
  const printed = file.automatic ?? {};
  const target = printed['@'] ?? file.name;
  const all = printed['+'] ?? file.prerequisites.join(' ');
  const unique = printed['^'] ?? [...new Set(file.prerequisites)].join(' ');
  const values: Partial<Record<AutomaticName, string>> = {
    '@': target,
    '<': printed['<'] ?? file.prerequisites[0] ?? '',
    '^': unique,
    '+': all,
    '*': printed['*'] ?? file.stem ?? stemBySuffix(target, suffixes),
    '|': printed['|'] ?? [...new Set(file.orderOnly)].join(' '),
    '@D': directoryPart(target),
    '@F': target.slice(target.lastIndexOf('/') + 1),
  };
  const newer = printed['?'] ?? newerPrerequisites(file, states);
  if (newer !== undefined) values['?'] = newer;
  return values;
}

/** `$?`: every prerequisite when the target is missing; else those with a later timestamp, when all are known. */
function newerPrerequisites(file: DbFile, states: ReadonlyMap<string, string>): string | undefined {
  const unique = [...new Set(file.prerequisites)];
  if (file.state === 'missing') return unique.join(' ');
  if (!isTimestamp(file.state)) return undefined;
  const newer: string[] = [];
  for (const name of unique) {
    const state = states.get(name);
    if (state === 'missing') newer.push(name);
    else if (state === undefined || !isTimestamp(state)) return undefined;
    else if (state > file.state) newer.push(name);
  }
  return newer.join(' ');
}

const isTimestamp = (state: string): boolean => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(state);

/** make's `$*` in an explicit rule: the target without a recognised suffix, else empty. */
function stemBySuffix(target: string, suffixes: readonly string[]): string {
  const suffix = suffixes.find((candidate) => target.endsWith(candidate) && target.length > candidate.length);
  return suffix ? target.slice(0, -suffix.length) : '';
}

/** make's `$(@D)`: the directory part without its trailing slash, `.` when there is none. */
function directoryPart(target: string): string {
  const slash = target.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : target.slice(0, slash);
}
