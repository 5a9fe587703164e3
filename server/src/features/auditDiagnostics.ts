// Pure: audit findings -> diagnostics on the rule lines of one makefile (the Problems panel), with the other rule related.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { normalizeUri, pathToUri } from '../../../engine/analysis/uris';
import type { AuditFinding } from '../../../engine/audit/auditTypes';

export const AUDIT_DIAGNOSTIC_SOURCE = 'makescope audit';

/**
 * The findings whose rule is in `uri`, each on its rule line. The edit is named in the message;
 * no quick fix applies it until a parallel build has verified it.
 */
export function auditDiagnosticsFor(
  findings: readonly AuditFinding[],
  uri: string,
  text: string,
): Diagnostic[] {
  const wanted = normalizeUri(uri);
  const lines = text.split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    if (!finding.rule || normalizeUri(pathToUri(finding.rule.file)) !== wanted) continue;
    const line = finding.rule.line - 1;
    if (line >= lines.length) continue;
    diagnostics.push({
      range: { start: { line, character: 0 }, end: { line, character: lines[line].length } },
      severity: finding.severity === 'info' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
      source: AUDIT_DIAGNOSTIC_SOURCE,
      code: finding.kind,
      message: finding.fix ? `${finding.message}. Fix: ${finding.fix.title}.` : finding.message,
      relatedInformation: finding.otherRule
        ? [
            {
              location: {
                uri: pathToUri(finding.otherRule.file),
                range: {
                  start: { line: finding.otherRule.line - 1, character: 0 },
                  end: { line: finding.otherRule.line - 1, character: 0 },
                },
              },
              message: `the rule of '${finding.otherTarget}'`,
            },
          ]
        : [],
    });
  }
  return diagnostics;
}
