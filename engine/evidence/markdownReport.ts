// The evidence report as Markdown that a person without context can read top to bottom.
import * as path from 'node:path';
import { formatDuration } from '../durations';
import type { EvidenceReport, Rung } from './evidenceTypes';

const STATUS_WORD: Record<Rung['status'], string> = {
  ok: 'ok',
  finding: 'FINDING',
  error: 'could not run',
  skipped: 'skipped',
};

export function markdownReport(report: EvidenceReport): string {
  const out: string[] = [];
  const where = (file: string, line?: number): string => {
    const shown = path.relative(report.directory, file) || path.basename(file);
    return line ? `${shown}:${line}` : shown;
  };
  out.push(
    `# Build evidence: ${report.verdict.kind === 'escalate' ? 'ESCALATE' : report.verdict.kind === 'local-fix' ? 'local fix' : 'healthy'}`,
  );
  out.push('');
  out.push(`**Verdict.** ${report.verdict.summary}`);
  out.push('');
  out.push(`**Before changing anything:** ${report.avoidEarly}`);
  out.push('');
  out.push('| | |', '|---|---|');
  out.push(`| project | \`${report.directory}\`${report.makefile ? ` (\`-f ${report.makefile}\`)` : ''} |`);
  out.push(
    `| target(s) | ${report.targets.length > 0 ? report.targets.map((t) => `\`${t}\``).join(' ') : 'the default goal'} |`,
  );
  out.push(`| -j level | ${report.jobs} |`);
  out.push(`| make | ${report.make.path}, GNU Make ${report.make.version} |`);
  if (report.symptom) out.push(`| reported symptom | ${escapeCell(report.symptom)} |`);
  out.push(`| collected | ${report.createdAt} by ${report.tool.name} ${report.tool.version} |`);
  if (report.outputDirectory) out.push(`| full outputs | \`${report.outputDirectory}\` |`);
  out.push('');
  out.push('## The ladder', '');
  out.push(
    'Each step only gathers evidence; nothing in the project was changed. Builds ran in throwaway copies.',
    '',
  );
  for (const rung of report.rungs) {
    out.push(`### ${rung.step}. ${rung.title} \u2014 ${STATUS_WORD[rung.status]}`, '');
    out.push(`*${rung.question}*`, '');
    out.push(rung.interpretation, '');
    for (const command of rung.commands) {
      const saved = command.outputFile ? ` \u2192 [${command.outputFile}](${command.outputFile})` : '';
      out.push(
        `- \`${command.command}\` (exit ${command.exitCode ?? 'none'}, ${formatDuration(command.durationMs)})${saved}`,
      );
    }
    if (rung.commands.length > 0) out.push('');
    if (rung.excerpt) out.push('```', rung.excerpt, '```', '');
    for (const location of rung.locations)
      out.push(`- ${where(location.file, location.line)}: ${location.message}`);
    if (rung.locations.length > 0) out.push('');
  }
  out.push('## Escalation criteria', '');
  for (const criterion of report.criteria) {
    out.push(`- [${criterion.triggered ? 'x' : ' '}] **${criterion.title}**`);
    for (const line of criterion.evidence) out.push(`  - ${line}`);
  }
  out.push('');
  if (report.verdict.kind === 'escalate') {
    out.push('## Hand over', '');
    for (const item of report.verdict.handover) out.push(`- ${item}`);
    out.push('');
  } else if (report.verdict.pointers.length > 0) {
    out.push('## Where to look', '');
    for (const pointer of report.verdict.pointers)
      out.push(`- ${where(pointer.file, pointer.line)}: ${pointer.message}`);
    out.push('');
  }
  return out.join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
