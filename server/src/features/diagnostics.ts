// Diagnostics for one makefile: parse problems, overriding recipes, missing .PHONY, undefined variables, costly $(shell).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { boundNames, definedNames } from './variableNames';
import {
  CONVENTIONAL_PHONY_TARGETS,
  MAKE_DEFINED_VARIABLES,
  automaticVariableDoc,
} from '../../../engine/analysis/makeBuiltinDocs';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { uriToPath } from '../../../engine/analysis/uris';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import type { Assignment } from '../../../engine/parser/ast';

export const DIAGNOSTIC_SOURCE = 'makescope';

export const DiagnosticCode = {
  overridingRecipe: 'overriding-recipe',
  phonyMissing: 'phony-missing',
  undefinedVariable: 'undefined-variable',
  shellInRecursive: 'shell-in-recursive',
  recipeWithSpaces: 'recipe-with-spaces',
} as const;

export interface DiagnosticEnvironment {
  /** Names set in the environment make would inherit: not "undefined" even if no makefile sets them. */
  environment: ReadonlySet<string>;
}

export function diagnostics(model: WorkspaceModel, uri: string, env: DiagnosticEnvironment): Diagnostic[] {
  const index = model.index(uri);
  if (!index) return [];
  const project = model.project(uri);
  return [
    ...parseProblems(index),
    ...overridingRecipes(index, project),
    ...missingPhony(index, project),
    ...undefinedVariables(index, model, env),
    ...shellInRecursive(index, project),
  ];
}

function parseProblems(index: FileIndex): Diagnostic[] {
  return index.parsed.problems.map((problem) => ({
    range: problem.range,
    message: problem.message,
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
  }));
}

function overridingRecipes(index: FileIndex, project: FileIndex[]): Diagnostic[] {
  const firstRecipe = new Map<string, { uri: string; line: number }>();
  const result: Diagnostic[] = [];
  for (const file of project) {
    for (const target of file.targets) {
      const { rule } = target;
      if (rule.recipe.length === 0 || rule.kind === 'double-colon' || rule.kind === 'pattern') continue;
      if (target.name.includes('$') || target.name.startsWith('.')) continue;
      const first = firstRecipe.get(target.name);
      if (!first) {
        firstRecipe.set(target.name, { uri: file.uri, line: rule.range.start.line });
        continue;
      }
      if (file.uri !== index.uri) continue;
      const where = `${uriToPath(first.uri)?.split('/').pop() ?? first.uri}:${first.line + 1}`;
      result.push({
        range: target.word.range,
        severity: DiagnosticSeverity.Warning,
        code: DiagnosticCode.overridingRecipe,
        source: DIAGNOSTIC_SOURCE,
        message: `Overriding recipe for target '${target.name}': make ignores the recipe at ${where} and warns "overriding recipe".`,
      });
    }
  }
  return result;
}

function missingPhony(index: FileIndex, project: FileIndex[]): Diagnostic[] {
  const phony = new Set<string>();
  for (const file of project) {
    for (const target of file.targets) {
      if (target.name === '.PHONY') for (const p of target.rule.prerequisites) phony.add(p.text);
    }
  }
  const reported = new Set<string>();
  const result: Diagnostic[] = [];
  for (const target of index.targets) {
    if (!CONVENTIONAL_PHONY_TARGETS.has(target.name) || phony.has(target.name) || reported.has(target.name))
      continue;
    reported.add(target.name);
    result.push({
      range: target.word.range,
      severity: DiagnosticSeverity.Warning,
      code: DiagnosticCode.phonyMissing,
      source: DIAGNOSTIC_SOURCE,
      message: `'${target.name}' is not a file but is not marked .PHONY: a file named '${target.name}' would stop its recipe from running.`,
      data: { target: target.name },
    });
  }
  return result;
}

/** Enough to act on; a generated or hostile file could otherwise publish millions of them. */
const MAX_UNDEFINED_REPORTS = 1000;

function undefinedVariables(
  index: FileIndex,
  model: WorkspaceModel,
  env: DiagnosticEnvironment,
): Diagnostic[] {
  const defined = definedNames(model);
  const loopVariables = boundNames(index);
  const result: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const reference of index.parsed.references) {
    const { name } = reference;
    if (reference.functionName || reference.computed) continue;
    if (name.length === 0 || /^\d+$/.test(name) || /[\s$]/.test(name) || automaticVariableDoc(name)) continue;
    if (
      defined.has(name) ||
      MAKE_DEFINED_VARIABLES.has(name) ||
      env.environment.has(name) ||
      loopVariables.has(name)
    ) {
      continue;
    }
    const key = `${name}@${reference.range.start.line}:${reference.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (result.length === MAX_UNDEFINED_REPORTS) {
      result.push({
        range: reference.nameRange,
        severity: DiagnosticSeverity.Information,
        code: DiagnosticCode.undefinedVariable,
        source: DIAGNOSTIC_SOURCE,
        message: `More references to variables no makefile defines follow; only the first ${MAX_UNDEFINED_REPORTS} are reported.`,
      });
      break;
    }
    result.push({
      range: reference.nameRange,
      severity: DiagnosticSeverity.Information,
      code: DiagnosticCode.undefinedVariable,
      source: DIAGNOSTIC_SOURCE,
      message: `'${name}' is defined in no makefile of the workspace nor by make: it expands to nothing unless set in the environment or on the command line.`,
    });
  }
  return result;
}

function shellInRecursive(index: FileIndex, project: FileIndex[]): Diagnostic[] {
  const useCount = new Map<string, number>();
  for (const file of project) {
    for (const reference of file.parsed.references) {
      if (!reference.functionName && !reference.computed)
        useCount.set(reference.name, (useCount.get(reference.name) ?? 0) + 1);
    }
  }
  const result: Diagnostic[] = [];
  for (const variable of index.variables) {
    const statement = variable.statement;
    if (statement.type !== 'assignment' || variable.targets || !isRecursive(statement)) continue;
    if (!/\$[({]shell[\s)}]/.test(statement.value)) continue;
    const uses = useCount.get(variable.name) ?? 0;
    if (uses < 2) continue;
    result.push({
      range: variable.nameRange,
      severity: DiagnosticSeverity.Warning,
      code: DiagnosticCode.shellInRecursive,
      source: DIAGNOSTIC_SOURCE,
      message: `'${variable.name}' is recursively expanded, so its $(shell …) runs again at each of its ${uses} uses: assign it with ':=' to run the command once.`,
    });
  }
  return result;
}

function isRecursive(statement: Assignment): boolean {
  return statement.operator === '=' || statement.operator === '?=';
}
