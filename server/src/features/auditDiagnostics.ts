// Pure: audit findings -> diagnostics on the rule lines of one makefile (the Problems panel), with the other rule related.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { normalizeUri, pathToUri } from '../../../engine/analysis/uris';
import type { AuditFinding } from '../../../engine/audit/auditTypes';

export const AUDIT_DIAGNOSTIC_SOURCE = 'makescope audit';

/** What an audit diagnostic carries in `data`, so a code action request can rebuild its verified fix. */
export interface AuditDiagnosticData {
  makescopeAudit: true;
  finding: AuditFinding;
}

function verificationText(finding: AuditFinding): string {
  const verification = finding.verification;
  if (!verification) return '';
  if (verification.status === 'not-enough') return ` Not verified: ${verification.reason}.`;
  const seed =
    verification.seed !== undefined ? ` (fails without it with --shuffle=${verification.seed})` : '';
  return ` Fix verified in ${verification.runs} runs${seed}.`;
}

/**
 * The findings whose rule is in `uri`, each on its rule line. The edit is named in the message;
 * the quick fix applies it only once a parallel build has verified it (auditQuickFixes).
 */
export function auditDiagnosticsFor(
  findings: readonly AuditFinding[],
  uri: string,
  text: string,
): Diagnostic[] {
  // Before the document is split into lines: most edits come with no finding at all (no probe has run).
  if (findings.length === 0) return [];
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
      message:
        (finding.fix ? `${finding.message}. Fix: ${finding.fix.title}.` : finding.message) +
        verificationText(finding),
      data: { makescopeAudit: true, finding } satisfies AuditDiagnosticData,
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

/** Quick fixes for audit diagnostics whose edit was verified; an unverified edit is never offered. */
export function auditQuickFixes(diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as Partial<AuditDiagnosticData> | undefined;
    const finding = data?.makescopeAudit === true ? data.finding : undefined;
    const fix = finding?.fix;
    if (!finding || !fix || finding.verification?.status !== 'verified') continue;
    const title = `${fix.title[0].toUpperCase()}${fix.title.slice(1)} (verified in ${finding.verification.runs} runs)`;
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: {
        changes: {
          [pathToUri(fix.file)]: [{ range: { start: fix.start, end: fix.end }, newText: fix.newText }],
        },
      },
    });
  }
  return actions;
}
