// The audit's findings as SARIF 2.1.0 (rule per class, make's file:line, the fix as a replacement).
import * as path from 'node:path';
import { physicalLocation } from '../evidence/sarifReport';
import { sarifLog } from '../evidence/sarifLog';
import type { AuditFindingKind, AuditFix, AuditResult } from './auditTypes';

const RULES: Record<AuditFindingKind, string> = {
  'missing-prerequisite': 'A recipe reads a file another target writes, with no declared path between them.',
  'missing-order-only-prerequisite':
    'A recipe writes into a directory another target creates, with no order-only prerequisite.',
  'unread-prerequisite': 'A declared prerequisite the recipe never reads (not a deliberate trigger).',
  'side-output': 'A recipe writes a file that no rule names as a target.',
  'unwritten-target': 'A target that is not phony and that its recipe never writes.',
  'shared-output': 'Two targets write one file.',
};

function sarifFix(directory: string, fix: AuditFix) {
  const relative = path.relative(directory, fix.file).split(path.sep).join('/');
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri: relative, uriBaseId: 'PROJECTROOT' },
        replacements: [
          {
            // SARIF lines and columns are 1-based.
            deletedRegion: {
              startLine: fix.start.line + 1,
              startColumn: fix.start.character + 1,
              endLine: fix.end.line + 1,
              endColumn: fix.end.character + 1,
            },
            insertedContent: { text: fix.newText },
          },
        ],
      },
    ],
  };
}

export function auditSarif(result: AuditResult): object {
  const results = result.findings.map((finding) => ({
    ruleId: `audit/${finding.kind}`,
    level: finding.severity === 'info' ? ('note' as const) : ('warning' as const),
    message: { text: finding.message },
    locations: [
      physicalLocation(result.directory, finding.rule?.file ?? result.directory, finding.rule?.line),
    ],
    ...(finding.fix ? { fixes: [sarifFix(result.directory, finding.fix)] } : {}),
  }));
  const used = [...new Set(result.findings.map((finding) => finding.kind))];
  return sarifLog({
    directory: result.directory,
    rules: used.map((kind) => ({ id: `audit/${kind}`, shortDescription: { text: RULES[kind] } })),
    invocations: [{ executionSuccessful: result.exitCode === 0 }],
    results,
  });
}
