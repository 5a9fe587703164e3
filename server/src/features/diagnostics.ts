// Diagnostics for one makefile: parse problems and the lint rules (engine/lint) at the severities the settings give.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import { lintFile, type LintOptions } from '../../../engine/lint/lint';
import type { LintFinding } from '../../../engine/lint/lintTypes';

export const DIAGNOSTIC_SOURCE = 'makescope';

/** The codes the quick fixes know (engine/lint/ruleTable.ts). */
export const DiagnosticCode = {
  phonyMissing: 'MS101',
  phonyStale: 'MS102',
  shellInRecursive: 'MS107',
  plainMake: 'MS108',
  hiddenRecursiveMake: 'MS109',
  recipeWithSpaces: 'MS114',
  duplicatePrerequisite: 'MS117',
  recursiveSelfReference: 'MS121',
  trailingBlanks: 'MS122',
} as const;

export type DiagnosticEnvironment = LintOptions;

const SEVERITY: Record<LintFinding['severity'], DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

export function toDiagnostic(finding: LintFinding): Diagnostic {
  return {
    range: finding.range,
    message: finding.message,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    ...(finding.data ? { data: finding.data } : {}),
  };
}

export function diagnostics(model: WorkspaceModel, uri: string, options: LintOptions): Diagnostic[] {
  const index = model.index(uri);
  if (!index) return [];
  return [...parseProblems(index), ...lintFile(model, uri, options).map(toDiagnostic)];
}

/** What the parser found, except spaces before a recipe: the lint rule MS114 reports those (with its fix). */
function parseProblems(index: FileIndex): Diagnostic[] {
  return index.parsed.problems
    .filter((problem) => problem.code !== 'recipe-with-spaces')
    .map((problem) => ({
      range: problem.range,
      message: problem.message,
      severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: problem.code,
      source: DIAGNOSTIC_SOURCE,
    }));
}
