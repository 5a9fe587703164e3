// Rung 7's differences saved beside the report: parallel.json (the whole comparison) and
// parallel-differences.md (what differed, run by run: exit codes, files, races; logs shown, never counted).
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ParallelDiffResult, RunDifference } from '../parallel/parallelTypes';

export const PARALLEL_JSON = 'parallel.json';
export const PARALLEL_DIFFERENCES = 'parallel-differences.md';
const LOG_LINES = 20;

export async function saveParallelDifferences(result: ParallelDiffResult, folder: string): Promise<void> {
  await writeFile(path.join(folder, PARALLEL_JSON), JSON.stringify(result, null, 2));
  await writeFile(path.join(folder, PARALLEL_DIFFERENCES), parallelDifferencesMarkdown(result));
}

export function parallelDifferencesMarkdown(result: ParallelDiffResult): string {
  const lines = [
    `# Serial against parallel: ${result.verdict}`,
    '',
    `Targets: ${result.targets.join(' ') || '(default goal)'}; -j${result.jobs}; ${result.make.path} ${result.make.version}.`,
    '',
    '## Runs',
    '',
    ...result.runs.map(
      (run) =>
        `- ${run.label}: exit ${run.exitCode}${run.firstError ? `, first error: \`${run.firstError}\`` : ''} (\`${run.command.join(' ')}\`)`,
    ),
    '',
    '## Differences from the serial build',
    '',
  ];
  if (result.differences.length === 0) lines.push('None.', '');
  for (const difference of result.differences) lines.push(...differenceSection(difference, result), '');
  if (result.nondeterministic?.length) {
    lines.push('## Differing between two serial builds (non-deterministic, not counted)', '');
    for (const artifact of result.nondeterministic) lines.push(`- ${artifact.path}`);
    lines.push('');
  }
  lines.push('## Races found by tracing', '');
  if (result.findings.length === 0) lines.push('None.', '');
  for (const finding of result.findings) {
    const where = finding.rule ? ` (${finding.rule.file}:${finding.rule.line})` : '';
    const fix = finding.fix ? `; fix: ${finding.fix.title}` : '';
    lines.push(`- ${finding.kind}: ${finding.message}${where}${fix}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function differenceSection(difference: RunDifference, result: ParallelDiffResult): string[] {
  const serial = result.runs[0];
  const run = result.runs.find((candidate) => candidate.label === difference.run);
  const lines = [`### ${difference.run}`, ''];
  if (difference.exitCodeDiffers)
    lines.push(`- exit code: serial ${serial?.exitCode}, this run ${run?.exitCode}`);
  if (difference.firstErrorDiffers) lines.push(`- first error: \`${run?.firstError ?? '(none)'}\``);
  for (const artifact of difference.artifacts)
    lines.push(`- file ${artifact.path}: serial ${artifact.serial}, this run ${artifact.other}`);
  if (difference.nondeterministic?.length)
    lines.push(
      `- also differs between two serial builds (not counted): ${difference.nondeterministic.join(', ')}`,
    );
  for (const log of difference.logs) {
    lines.push(`- log of ${log.target} (shown, not counted):`, '', '  ```diff');
    const serialLines = log.serialLog.split('\n').filter(Boolean);
    const otherLines = log.otherLog.split('\n').filter(Boolean);
    const delta = [
      ...serialLines.filter((line) => !otherLines.includes(line)).map((line) => `  - ${line}`),
      ...otherLines.filter((line) => !serialLines.includes(line)).map((line) => `  + ${line}`),
    ];
    lines.push(...delta.slice(0, LOG_LINES));
    if (delta.length > LOG_LINES)
      lines.push(`  … ${delta.length - LOG_LINES} more lines (see ${PARALLEL_JSON})`);
    lines.push('  ```');
  }
  return lines;
}
