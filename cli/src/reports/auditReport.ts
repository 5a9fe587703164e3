// Terminal report of a dependency audit: findings by class with make's file:line and the line that fixes each.
import * as path from 'node:path';
import type { AuditFinding, AuditResult, FixVerification } from '../../../engine/audit/auditTypes';
import { shellQuote } from './parallelDiffReport';
import type { Style } from './style';

const TITLES: Record<AuditFinding['kind'], string> = {
  'missing-prerequisite': 'Missing prerequisites',
  'missing-order-only-prerequisite': 'Missing order-only prerequisites',
  'shared-output': 'Two targets writing one file',
  'unwritten-target': 'Targets their recipe never writes',
  'unread-prerequisite': 'Declared prerequisites never read',
  'side-output': 'Side outputs (written, not a target)',
};

function where(finding: AuditFinding, cwd: string): string {
  if (!finding.rule) return '<no rule>';
  const relative = path.relative(cwd, finding.rule.file);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? finding.rule.file : relative;
  return `${shown}:${finding.rule.line}`;
}

function verificationText(verification: FixVerification, style: Style): string {
  const seed = verification.seed !== undefined ? ` with --shuffle=${verification.seed}` : '';
  if (verification.status === 'not-enough') return style.yellow(`not enough: ${verification.reason}`);
  const together =
    verification.together !== undefined
      ? `, with the edits of the ${verification.together} other reader(s)`
      : '';
  return style.green(
    `fix verified in ${verification.runs} runs (-j${verification.jobs})${together}; without it the build fails${seed} (reproduced in ${verification.reproducedIn} run(s)): ${verification.reproduce.map(shellQuote).join(' ')}`,
  );
}

export function auditReport(result: AuditResult, cwd: string, style: Style): string {
  const lines: string[] = [];
  const tracing =
    result.tracing.state === 'traced'
      ? `${result.tracing.processes} processes traced in ${(result.tracing.wallMs / 1000).toFixed(2)} s`
      : `tracing ${result.tracing.state}`;
  lines.push(
    style.bold(`Dependency audit of ${result.directory}`),
    `make ${result.make.version}; ${result.auditedTargets} recipes audited against ${result.declaredEdges} declared edges; ${tracing}`,
  );
  const warnings = result.findings.filter((finding) => finding.severity === 'warning').length;
  lines.push(
    result.findings.length === 0
      ? style.green('clean: every file a recipe reads or writes is declared')
      : style.yellow(`${warnings} warning(s), ${result.findings.length - warnings} note(s)`),
  );
  for (const kind of Object.keys(TITLES) as AuditFinding['kind'][]) {
    const found = result.findings.filter((finding) => finding.kind === kind);
    if (found.length === 0) continue;
    lines.push('', style.bold(`${TITLES[kind]} (${found.length})`));
    for (const finding of found) {
      lines.push(`  ${where(finding, cwd)}: ${finding.message}`);
      if (finding.fix)
        lines.push(
          `    fix (${finding.fix.title}): line ${finding.fix.start.line + 1} reads ${style.green(finding.fix.resultingText)}`,
        );
      if (finding.verification) lines.push(`    ${verificationText(finding.verification, style)}`);
    }
  }
  for (const note of result.notes) lines.push('', style.dim(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}
