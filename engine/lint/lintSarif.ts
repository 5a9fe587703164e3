// Lint findings as SARIF 2.1.0: one rule per code (with its rationale), make's file, line and column.
import { physicalLocation } from '../evidence/sarifReport';
import { sarifLog } from '../evidence/sarifLog';
import type { FileFindings } from './lintFiles';
import type { LintFinding } from './lintTypes';
import { lintRule } from './ruleTable';

const LEVEL: Record<LintFinding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function lintSarif(directory: string, results: readonly FileFindings[]): object {
  const sarifResults = results.flatMap(({ file, findings }) =>
    findings.map((finding) => {
      const location = physicalLocation(directory, file, undefined);
      const { start, end } = finding.range;
      // SARIF lines and columns are 1-based.
      const region = {
        startLine: start.line + 1,
        startColumn: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
      };
      return {
        ruleId: finding.code,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { ...location.physicalLocation, region } }],
      };
    }),
  );
  const used = [
    ...new Set(results.flatMap(({ findings }) => findings.map((finding) => finding.code))),
  ].sort();
  return sarifLog({
    directory,
    rules: used.map((code) => {
      const rule = lintRule(code);
      return { id: code, ...(rule ? { name: rule.name, shortDescription: { text: rule.rationale } } : {}) };
    }),
    results: sarifResults,
  });
}
