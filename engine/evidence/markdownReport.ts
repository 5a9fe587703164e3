// The evidence report as Markdown that a person without context can read top to bottom.
import * as path from 'node:path';
import { formatDuration } from '../../contract/wording/durations';
import type { EvidenceReport, Rung } from './evidenceTypes';

/** Lists longer than this show their first entries and point at the file with all of them. */
const LISTED = 20;
/** Excerpt lines are cut to this many characters (a linker line can take kilobytes). */
const LINE_CHARS = 300;
/** Every location, one a line, beside the report (written by the evidence folder). */
export const LOCATIONS_FILE = 'locations.md';

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
    `Each step only gathers evidence; nothing in the project was changed.${whereBuildsRan(report)}`,
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
    if (rung.excerpt) out.push('```', ...rung.excerpt.split('\n').map(cutLine), '```', '');
    out.push(
      ...listed(
        rung.locations.map((l) => `- ${where(l.file, l.line)}: ${cutLine(l.message)}`),
        report,
      ),
    );
    if (rung.locations.length > 0) out.push('');
  }
  out.push('## Escalation criteria', '');
  for (const criterion of report.criteria) {
    out.push(`- [${criterion.triggered ? 'x' : ' '}] **${criterion.title}**`);
    out.push(
      ...listed(
        criterion.evidence.map((line) => `  - ${cutLine(line)}`),
        report,
      ),
    );
  }
  out.push('');
  if (report.verdict.kind === 'escalate') {
    out.push('## Hand over', '');
    out.push(
      ...listed(
        report.verdict.handover.map((item) => `- ${cutLine(item)}`),
        report,
      ),
    );
    out.push('');
  } else if (report.verdict.pointers.length > 0) {
    out.push('## Where to look', '');
    out.push(
      ...listed(
        report.verdict.pointers.map((p) => `- ${where(p.file, p.line)}: ${cutLine(p.message)}`),
        report,
      ),
    );
    out.push('');
  }
  return out.join('\n');
}

/** The first entries of a long list, then how many more and where all of them are. */
function listed(lines: string[], report: EvidenceReport): string[] {
  if (lines.length <= LISTED) return lines;
  const all = report.outputDirectory ? `: all of them in [${LOCATIONS_FILE}](${LOCATIONS_FILE})` : '';
  return [...lines.slice(0, LISTED), `- ... and ${lines.length - LISTED} more${all}`];
}

function cutLine(line: string): string {
  return line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}... (${line.length} characters)` : line;
}

/** Every location of every rung and the verdict's pointers, for the file beside the report. */
export function locationsMarkdown(report: EvidenceReport): string {
  const out = ['# Every location the evidence points at', ''];
  const where = (file: string, line?: number): string => {
    const shown = path.relative(report.directory, file) || path.basename(file);
    return line ? `${shown}:${line}` : shown;
  };
  for (const rung of report.rungs) {
    if (rung.locations.length === 0) continue;
    out.push(`## ${rung.step}. ${rung.title}`, '');
    for (const location of rung.locations)
      out.push(`- ${where(location.file, location.line)}: ${location.message}`);
    out.push('');
  }
  for (const criterion of report.criteria) {
    if (!criterion.triggered) continue;
    out.push(`## ${criterion.title}`, '');
    for (const line of criterion.evidence) out.push(`- ${line}`);
    out.push('');
  }
  return out.join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Says how the runs that could write were kept out of the project, from where each one ran. */
function whereBuildsRan(report: EvidenceReport): string {
  const places = new Set(report.rungs.flatMap((rung) => rung.commands.map((command) => command.where)));
  const ways = [
    places.has('isolated')
      ? "isolated at the project's own paths (their writes went to a scratch layer)"
      : '',
    places.has('copy') ? 'in throwaway copies' : '',
  ].filter(Boolean);
  return ways.length > 0 ? ` Runs that could write ran ${ways.join(' or ')}.` : '';
}
