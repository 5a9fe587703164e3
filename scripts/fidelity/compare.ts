// Compares the static model of a makefile project with GNU make's own database (`make -pRrq`).
import * as path from 'node:path';
import type { FileIndex, VariableDefinition } from '../../engine/analysis/fileIndex';
import { MAKE_DEFINED_VARIABLES } from '../../engine/analysis/makeBuiltinDocs';
import { computedNamePattern } from '../../engine/analysis/computedNamePattern';
import { expandStatically, type StaticScope } from '../../engine/analysis/staticExpander';
import { uriToPath } from '../../engine/analysis/uris';
import type { DbVariable, MakeDatabase } from '../../engine/probes/parsers/databaseParser';

export interface Tally {
  total: number;
  matched: number;
  /** What make lists that the static model misses, with make's file:line. */
  missing: string[];
}

/** make's flavor and value of a variable against the model's, at the definition make names. */
export interface ValueMismatch {
  name: string;
  /** make's file:line for the variable (its last assignment). */
  where: string;
  make: string;
  model: string | undefined;
}

export interface ValueTally {
  total: number;
  matched: number;
  mismatched: ValueMismatch[];
}

export interface FidelityReport {
  /** Each variable make defines from a makefile: the model has a definition of that name at make's file:line. */
  variables: Tally;
  targets: Tally;
  /** Each of those variables, every flavor: the model's flavor and value equal make's. */
  values: ValueTally;
}

/** The source lines of each file of the project (kept for callers; the comparison drops no line). */
export type SourceLines = (filePath: string) => string[] | undefined;

type Flavor = 'recursive' | 'simple';
interface ModelVariable {
  flavor: Flavor;
  /** As make stores it: raw for recursive variables, expanded for simple ones; undefined when unknowable. */
  value: string | undefined;
}

export function compareWithDatabase(
  db: MakeDatabase,
  project: FileIndex[],
  makeCwd: string,
  _sourceLines?: SourceLines,
): FidelityReport {
  const files = new Map(project.map((file) => [uriToPath(file.uri) ?? file.uri, file]));
  const resolveDbPath = (file: string): string => path.resolve(makeCwd, file);
  const definitionsByName = new Map<string, VariableDefinition[]>();
  for (const file of project) {
    for (const definition of file.variables) {
      const list = definitionsByName.get(definition.name) ?? [];
      list.push(definition);
      definitionsByName.set(definition.name, list);
    }
  }
  const model = evaluate(project, makeCwd);

  const variables: Tally = { total: 0, matched: 0, missing: [] };
  const values: ValueTally = { total: 0, matched: 0, mismatched: [] };
  for (const variable of db.variables) {
    if (!isFromMakefile(variable) || !variable.file) continue;
    const file = files.get(resolveDbPath(variable.file));
    if (!file) continue;
    const where = `${variable.file}:${variable.line ?? '?'}`;
    // Exactly this definition: the name (or a computed name that can expand to it) at make's file and line.
    const defined = file.variables.some(
      (d) =>
        (d.name === variable.name || computedNamePattern(d.name)?.test(variable.name) === true) &&
        !d.targets &&
        d.nameRange.start.line === (variable.line ?? 0) - 1,
    );
    // make records MAKEFILE_LIST and friends as read from the makefile; no parser should define them.
    if (!defined && !definitionsByName.has(variable.name) && MAKE_DEFINED_VARIABLES.has(variable.name))
      continue;
    variables.total++;
    if (defined) variables.matched++;
    else variables.missing.push(`${variable.name} (${where})`);
    values.total++;
    const mine = model.get(variable.name);
    const makeSide = `${variable.flavor} ${JSON.stringify(variable.value)}`;
    const modelSide =
      mine && `${mine.flavor} ${mine.value === undefined ? '(unknown)' : JSON.stringify(mine.value)}`;
    if (modelSide === makeSide) values.matched++;
    else values.mismatched.push({ name: variable.name, where, make: makeSide, model: modelSide });
  }

  const targets = compareTargets(db, project, model, makeCwd);
  return { variables, targets, values };
}

/**
 * The global variables after reading the project's files in order, as make would: `=` and `?=` store the
 * raw text, `:=`/`::=` the expanded text, `:::=` the expanded text with `$` doubled, `+=` appends in the
 * variable's flavor. `!=` (a shell's output) is unknowable statically.
 */
function evaluate(project: FileIndex[], makeCwd: string): Map<string, ModelVariable> {
  const state = new Map<string, ModelVariable>();
  const root = project[0] ? (uriToPath(project[0].uri) ?? makeCwd) : makeCwd;
  const scope: StaticScope = {
    currentFile: root,
    curdir: makeCwd,
    unknownIsEmpty: true,
    lookup: (name) => {
      const found = state.get(name);
      return found?.value === undefined
        ? undefined
        : { value: found.value, recursive: found.flavor === 'recursive' };
    },
  };
  const expand = (text: string): string | undefined =>
    text.includes('$') ? expandStatically(text, scope) : text;
  for (const file of project) {
    scope.currentFile = uriToPath(file.uri) ?? root;
    const ordered = [...file.variables].sort((a, b) => a.nameRange.start.line - b.nameRange.start.line);
    for (const definition of ordered) {
      const statement = definition.statement;
      if (definition.targets || statement.type !== 'assignment') continue;
      // make expands a computed name when it reads the line (`$(VERBOSE)MAKESILENT`: MAKESILENT).
      const name = statement.computedName ? expand(definition.name)?.trim() : definition.name;
      if (!name) continue;
      const old = state.get(name);
      const text = statement.value;
      switch (statement.operator) {
        case '=':
          state.set(name, { flavor: 'recursive', value: text });
          break;
        case '?=':
          if (!old) state.set(name, { flavor: 'recursive', value: text });
          break;
        case ':=':
        case '::=':
          state.set(name, { flavor: 'simple', value: expand(text) });
          break;
        case ':::=': {
          const value = expand(text);
          state.set(name, { flavor: 'recursive', value: value?.replace(/\$/g, '$$$$') });
          break;
        }
        case '!=':
          state.set(name, { flavor: 'recursive', value: undefined });
          break;
        case '+=': {
          if (!old) {
            state.set(name, { flavor: 'recursive', value: text });
            break;
          }
          const added = old.flavor === 'simple' ? expand(text) : text;
          const value =
            old.value === undefined || added === undefined
              ? undefined
              : old.value === ''
                ? added
                : `${old.value} ${added}`;
          state.set(name, { flavor: old.flavor, value });
          break;
        }
      }
    }
  }
  return state;
}

function compareTargets(
  db: MakeDatabase,
  project: FileIndex[],
  model: Map<string, ModelVariable>,
  makeCwd: string,
): Tally {
  const root = project[0] ? (uriToPath(project[0].uri) ?? makeCwd) : makeCwd;
  const scope: StaticScope = {
    currentFile: root,
    curdir: makeCwd,
    unknownIsEmpty: true,
    lookup: (name) => {
      const found = model.get(name);
      return found?.value === undefined
        ? undefined
        : { value: found.value, recursive: found.flavor === 'recursive' };
    },
  };
  const staticNames = new Set<string>();
  const expandNames = (text: string): string[] => {
    const expanded = text.includes('$') ? expandStatically(text, scope) : text;
    // make drops a leading `./` from file names.
    return (expanded ?? '')
      .split(/\s+/)
      .filter((word) => word.length > 0)
      .map((word) => word.replace(/^(\.\/)+(?=.)/, ''));
  };
  for (const file of project) {
    for (const target of file.targets) {
      staticNames.add(target.name);
      for (const name of expandNames(target.name)) staticNames.add(name);
      // Each suffix in .SUFFIXES becomes a `%SUFFIX` pattern rule in make's database.
      // Prerequisites of .PHONY are targets to make even without a rule of their own.
      if (target.name === '.PHONY') {
        for (const prerequisite of target.rule.prerequisites) {
          for (const name of expandNames(prerequisite.text)) staticNames.add(name);
        }
      }
      if (target.name === '.SUFFIXES') {
        for (const prerequisite of target.rule.prerequisites) {
          for (const suffix of expandNames(prerequisite.text)) staticNames.add(`%${suffix}`);
        }
      }
    }
  }
  const tally: Tally = { total: 0, matched: 0, missing: [] };
  const dbTargets = [
    ...db.files
      .filter((file) => file.isTarget && !file.builtin)
      .map((file) => ({ name: file.name, recipe: file.recipe, stem: file.stem })),
    ...db.patternRules.flatMap((rule) => rule.targets.map((name) => ({ name, recipe: rule.recipe }))),
  ];
  for (const target of dbTargets) {
    if (staticNames.has(target.name)) {
      tally.total++;
      tally.matched++;
    } else if ('stem' in target && target.stem !== undefined) {
      // Found by implicit rule search: it exists because of a pattern rule, which is compared itself.
      continue;
    } else {
      tally.total++;
      tally.missing.push(target.name);
    }
  }
  return tally;
}

function isFromMakefile(variable: DbVariable): boolean {
  return variable.origin === 'makefile' || variable.origin === "'override' directive";
}
