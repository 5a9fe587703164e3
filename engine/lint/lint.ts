// Lints one makefile: every rule of the table at its configured severity, minus what comments silence.
import type { WorkspaceModel } from '../analysis/workspaceModel';
import type { FileIndex } from '../analysis/fileIndex';
import type { LintFinding, LintSeverity } from './lintTypes';
import { checkRecipeShells, type RecipeShellOptions } from './recipeShell/recipeShellCheck';
import { LINT_RULES, lintRule } from './ruleTable';
import { suppressionsOf, type Suppressions } from './suppressions';

export interface LintOptions {
  /** Names set in the environment make would inherit. */
  environment: ReadonlySet<string>;
  /** Severity per code or rule name (`{ MS105: 'off', 'phony-missing': 'error' }`); others keep their default. */
  rules?: Readonly<Record<string, LintSeverity>>;
}

/** The severity a rule runs at under `rules` (a code wins over a name). */
export function severityOf(code: string, rules: LintOptions['rules']): LintSeverity {
  const rule = lintRule(code);
  if (!rule) return 'off';
  return rules?.[rule.code] ?? rules?.[rule.name] ?? rule.defaultSeverity;
}

export function lintFile(model: WorkspaceModel, uri: string, options: LintOptions): LintFinding[] {
  const index = model.index(uri);
  if (!index) return [];
  const context = { model, index, project: model.project(uri), environment: options.environment };
  let silenced: Suppressions | undefined;
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    const severity = severityOf(rule.code, options.rules);
    if (severity === 'off') continue;
    for (const finding of rule.check(context)) {
      silenced ??= suppressionsOf(index.parsed.comments, (code) => lintRule(code)?.code ?? code);
      if (silenced.isSilenced(rule.code, finding.range.start.line)) continue;
      // The rule's own object, given its code and severity: a rule returns new findings at each call and
      // keeps none, and a copy per finding (a spread) cost as much as the project index's .PHONY set.
      const found = finding as LintFinding;
      found.code = rule.code;
      found.severity = severity;
      findings.push(found);
    }
  }
  return findings;
}

/** Findings at the configured severity, without the rules turned off or silenced by a comment. */
function applySettings(
  findings: LintFinding[],
  index: FileIndex,
  rules: LintOptions['rules'],
): LintFinding[] {
  const silenced = suppressionsOf(index.parsed.comments, (code) => lintRule(code)?.code ?? code);
  const result: LintFinding[] = [];
  for (const finding of findings) {
    const configured = rules?.[finding.code] ?? rules?.[lintRule(finding.code)?.name ?? ''];
    const severity = configured ?? finding.severity;
    if (severity === 'off' || silenced.isSilenced(finding.code, finding.range.start.line)) continue;
    result.push({ ...finding, severity });
  }
  return result;
}

/** MS201/MS202 for one makefile (runs the shell and shellcheck: callers check trust first). */
export async function lintRecipeShells(
  model: WorkspaceModel,
  uri: string,
  options: LintOptions & RecipeShellOptions,
): Promise<LintFinding[]> {
  const index = model.index(uri);
  if (!index) return [];
  const shellcheck = severityOf('MS202', options.rules) !== 'off' && options.shellcheck !== false;
  if (severityOf('MS201', options.rules) === 'off' && !shellcheck) return [];
  const found = await checkRecipeShells(index, model.project(uri), { ...options, shellcheck });
  return applySettings(found, index, options.rules);
}
