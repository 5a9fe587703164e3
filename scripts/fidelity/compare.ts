// Compares the static model of a makefile project with GNU make's own database (`make -pRrq`).
import * as path from 'node:path';
import type { FileIndex, VariableDefinition } from '../../server/src/analysis/fileIndex';
import { MAKE_DEFINED_VARIABLES } from '../../server/src/analysis/builtins';
import { expandStatically, type StaticScope } from '../../server/src/analysis/staticExpander';
import { uriToPath } from '../../server/src/analysis/uris';
import type { DbVariable, MakeDatabase } from '../../server/src/probes/parsers/databaseParser';

export interface Tally {
  total: number;
  matched: number;
  /** Names make lists that the static model misses (the interesting failures). */
  missing: string[];
  /** Names made by `$(eval ...)` / `$(call ...)` at read time: reported apart, not counted in `total`. */
  evalMade: string[];
}

export interface RawValueTally {
  total: number;
  matched: number;
  mismatched: Array<{ name: string; make: string; model: string | undefined }>;
}

export interface FidelityReport {
  variables: Tally;
  targets: Tally;
  rawValues: RawValueTally;
}

/** The source lines of each file of the project, to tell eval-made definitions from misses. */
export type SourceLines = (filePath: string) => string[] | undefined;

export function compareWithDatabase(
  db: MakeDatabase,
  project: FileIndex[],
  makeCwd: string,
  sourceLines: SourceLines,
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
  const isEvalLine = (file: string | undefined, line: number | undefined): boolean => {
    if (!file || !line) return false;
    const text = sourceLines(resolveDbPath(file))?.[line - 1] ?? '';
    // `$(eval ...)`, `$(call ...)` or a bare function call line defines things make sees and a parser cannot.
    return /\$[({](eval|call)\s/.test(text) || /^ *\$[({]/.test(text) || isInsideDefine(file, line);
  };
  const isInsideDefine = (file: string, line: number): boolean => {
    const index = files.get(resolveDbPath(file));
    return (
      index?.variables.some(
        (d) =>
          d.statement.type === 'assignment' &&
          d.statement.define &&
          d.statement.range.start.line < line - 1 &&
          d.statement.range.end.line >= line - 1,
      ) ?? false
    );
  };

  const variables: Tally = { total: 0, matched: 0, missing: [], evalMade: [] };
  const rawValues: RawValueTally = { total: 0, matched: 0, mismatched: [] };
  for (const variable of db.variables) {
    if (!isFromMakefile(variable) || !variable.file) continue;
    if (!files.has(resolveDbPath(variable.file))) continue;
    const byName = definitionsByName.get(variable.name);
    // make records MAKEFILE_LIST and friends as read from the makefile; no parser should define them.
    if (!byName && MAKE_DEFINED_VARIABLES.has(variable.name)) continue;
    const byLine = files
      .get(resolveDbPath(variable.file))
      ?.variables.some((d) => d.nameRange.start.line === (variable.line ?? 0) - 1);
    if (byName || byLine) {
      variables.total++;
      variables.matched++;
    } else if (isEvalLine(variable.file, variable.line)) {
      variables.evalMade.push(variable.name);
    } else {
      variables.total++;
      variables.missing.push(`${variable.name} (${variable.file}:${variable.line ?? '?'})`);
    }
    if (variable.flavor === 'recursive' && byName) {
      rawValues.total++;
      const model = modelRawValue(byName);
      if (model === variable.value || byName.some((d) => valueOf(d) === variable.value)) rawValues.matched++;
      else rawValues.mismatched.push({ name: variable.name, make: variable.value, model });
    }
  }

  const targets = compareTargets(db, project, definitionsByName, makeCwd, isEvalLine);
  return { variables, targets, rawValues };
}

function compareTargets(
  db: MakeDatabase,
  project: FileIndex[],
  definitionsByName: Map<string, VariableDefinition[]>,
  makeCwd: string,
  isEvalLine: (file: string | undefined, line: number | undefined) => boolean,
): Tally {
  const root = project[0] ? (uriToPath(project[0].uri) ?? makeCwd) : makeCwd;
  const scope: StaticScope = {
    currentFile: root,
    curdir: makeCwd,
    unknownIsEmpty: true,
    lookup: (name) => {
      const definitions = definitionsByName.get(name);
      if (!definitions) return undefined;
      const value = modelRawValue(definitions);
      return value === undefined ? undefined : { value, recursive: true };
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
  const tally: Tally = { total: 0, matched: 0, missing: [], evalMade: [] };
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
    } else if (isEvalLine(target.recipe?.file, target.recipe?.line)) {
      tally.evalMade.push(target.name);
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

function valueOf(definition: VariableDefinition): string | undefined {
  return definition.statement.type === 'assignment' ? definition.statement.value : undefined;
}

/** The raw value after applying the global definitions in order (`=` sets, `+=` appends, `?=` defaults). */
function modelRawValue(definitions: VariableDefinition[]): string | undefined {
  let value: string | undefined;
  for (const definition of definitions) {
    const statement = definition.statement;
    if (definition.targets || statement.type !== 'assignment') continue;
    if (statement.operator === '+=')
      value = value === undefined || value === '' ? statement.value : `${value} ${statement.value}`;
    else if (statement.operator === '?=') value ??= statement.value;
    else value = statement.value;
  }
  return value;
}
