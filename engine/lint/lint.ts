// Lints one makefile: every rule of the table at its configured severity, minus what comments silence.
import type { WorkspaceModel } from '../analysis/workspaceModel';
import type { LintFinding, LintSeverity } from './lintTypes';
import { LINT_RULES, lintRule } from './ruleTable';
import { suppressionsOf } from './suppressions';

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
  const silenced = suppressionsOf(index.parsed.comments, (code) => lintRule(code)?.code ?? code);
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    const severity = severityOf(rule.code, options.rules);
    if (severity === 'off') continue;
    for (const finding of rule.check(context)) {
      if (silenced.isSilenced(rule.code, finding.range.start.line)) continue;
      findings.push({ ...finding, code: rule.code, severity });
    }
  }
  return findings;
}
