// `makescope lint`'s text report: one `file:line:column: severity CODE message` line per finding, as compilers print.
import * as path from 'node:path';
import type { FileFindings } from '../../../engine/lint/lintFiles';
import type { Style } from './style';

export function lintReport(
  results: readonly FileFindings[],
  cwd: string,
  style: Style,
  /** Said once after the findings (a check that could not run). */
  notes: readonly string[] = [],
): string {
  const lines: string[] = [];
  let total = 0;
  for (const { file, findings, declined } of results) {
    const shown = path.relative(cwd, file) || file;
    if (declined) lines.push(`${shown}: ${style.yellow('not linted')}: ${declined}`);
    for (const finding of findings) {
      total++;
      const { line, character } = finding.range.start;
      const severity =
        finding.severity === 'error'
          ? style.red('error')
          : finding.severity === 'warning'
            ? style.yellow('warning')
            : style.dim(finding.severity === 'hint' ? 'hint' : 'note');
      lines.push(
        `${shown}:${line + 1}:${character + 1}: ${severity} ${style.bold(finding.code)} ${finding.message}`,
      );
    }
  }
  lines.push(total === 0 ? style.green('No findings.') : `${total} finding${total === 1 ? '' : 's'}.`);
  for (const note of notes) lines.push(style.yellow(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}
