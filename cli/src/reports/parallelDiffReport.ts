// Terminal report of a parallel diff: runs, speedup, differences by target, race findings with their fix lines.
import * as path from 'node:path';
import { hasDifference } from '../../../engine/parallel/runComparison';
import type { ParallelDiffResult, RunDifference } from '../../../engine/parallel/parallelTypes';
import { speedupText, tracingOverheadText } from '../../../contract/wording/parallelFigures';
import type { Style } from './style';
import { unifiedLogDiff } from './unifiedLogDiff';

const VERDICTS: Record<ParallelDiffResult['verdict'], string> = {
  clean: 'clean: serial and parallel builds agree, no race found',
  differences: 'the parallel builds differ from the serial one',
  findings: 'races found by tracing (the builds happened to agree)',
  'differences-and-findings': 'the parallel builds differ from the serial one, and races were found',
  'serial-build-failed': 'the serial build fails, so there is nothing to compare against',
};

/** Quotes a word for display only (the command is never run through a shell by makescope). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1048576) return `${(count / 1024).toFixed(1)} KB`;
  return `${(count / 1048576).toFixed(1)} MB`;
}

function shortState(state: string): string {
  return state.startsWith('sha256:') ? state.slice(0, 19) : state;
}

function differenceLines(difference: RunDifference, result: ParallelDiffResult, style: Style): string[] {
  const run = result.runs.find((r) => r.label === difference.run);
  const serial = result.runs[0];
  const lines = [`  ${style.bold(difference.run)}`];
  if (difference.exitCodeDiffers) lines.push(`    exit code ${serial.exitCode} -> ${run?.exitCode}`);
  if (run && run.order.join(' ') !== serial.order.join(' '))
    lines.push(style.dim(`    order: ${run.order.join(', ')} (serial: ${serial.order.join(', ')})`));
  if (difference.firstErrorDiffers) lines.push(`    first error: ${run?.firstError ?? '(none)'}`);
  for (const artifact of difference.artifacts)
    lines.push(
      `    artifact ${artifact.path}: ${shortState(artifact.serial)} -> ${shortState(artifact.other)}`,
    );
  if (difference.nondeterministic)
    lines.push(
      style.dim(
        `    also differs between two serial builds (not counted): ${difference.nondeterministic.join(', ')}`,
      ),
    );
  for (const log of difference.logs) {
    lines.push(style.dim(`    log of ${log.target} (shown, not counted):`));
    for (const line of unifiedLogDiff(log.serialLog, log.otherLog, difference.run))
      lines.push(`      ${line}`);
  }
  return lines;
}

export function parallelDiffReport(result: ParallelDiffResult, cwd: string, style: Style): string {
  const where = (file: string, line: number): string => `${path.relative(cwd, file) || file}:${line}`;
  const out: string[] = [];
  const paint =
    result.verdict === 'clean'
      ? style.green
      : result.verdict === 'serial-build-failed'
        ? style.yellow
        : style.red;
  out.push(`${style.bold('Parallel diff')}: ${paint(VERDICTS[result.verdict])}`);
  out.push(style.dim(`  ${result.directory} · GNU make ${result.make.version} · -j${result.jobs}`));
  out.push('', style.bold('Runs'));
  const width = Math.max(...result.runs.map((run) => run.label.length));
  for (const run of result.runs) {
    const error = run.firstError ? `  ${style.dim(run.firstError)}` : '';
    out.push(
      `  ${run.label.padEnd(width)}  exit ${run.exitCode}  ${seconds(run.wallMs).padStart(8)}${error}`,
    );
  }
  const speedup = speedupText(result);
  if (speedup !== undefined) out.push(`  ${speedup}`);
  // Exit status and files written decide; make's words and per-target logs are shown apart.
  const deciding = result.differences.filter(hasDifference);
  const wordsOnly = result.differences.filter(
    (d) => !hasDifference(d) && (d.firstErrorDiffers || d.logs.length > 0),
  );
  if (deciding.length > 0) {
    out.push('', style.bold('Differences from the serial build'));
    for (const difference of deciding) out.push(...differenceLines(difference, result, style));
  }
  if (wordsOnly.length > 0) {
    out.push('', style.bold('Output that differs (same exit status and files: not a difference)'));
    for (const difference of wordsOnly) out.push(...differenceLines(difference, result, style));
  }
  if (result.nondeterministic && result.nondeterministic.length > 0) {
    out.push('', style.bold('Non-deterministic output (differs between two serial builds; not counted)'));
    for (const artifact of result.nondeterministic)
      out.push(`  ${artifact.path}: ${shortState(artifact.serial)} / ${shortState(artifact.other)}`);
  }
  out.push('', style.bold('Races found by tracing file accesses'));
  if (result.tracing.state === 'traced') {
    out.push(
      style.dim(
        `  traced serial build: ${seconds(result.tracing.wallMs)} (${tracingOverheadText(result.tracing.overheadPercent)}), ${result.tracing.processes} processes`,
      ),
    );
    if (result.findings.length === 0) out.push(`  ${style.green('none')}`);
  } else out.push(`  ${style.yellow(`not traced: ${result.tracing.reason}`)}`);
  for (const finding of result.findings) {
    const at = finding.rule ? `${where(finding.rule.file, finding.rule.line)}: ` : '';
    out.push(`  ${at}${style.red(finding.kind)}: ${finding.message}`);
    if (finding.otherRule)
      out.push(
        style.dim(
          `    '${finding.otherTarget}' is built at ${where(finding.otherRule.file, finding.otherRule.line)}`,
        ),
      );
    if (finding.fix)
      out.push(
        `    fix (${finding.fix.title}): ${where(finding.fix.file, finding.fix.line + 1)}: ${style.green(finding.fix.resultingLine)}`,
      );
  }
  if (result.reproduce)
    out.push(
      '',
      `${style.bold('Reproduce')} (from a clean tree): ${result.reproduce.map(shellQuote).join(' ')}`,
    );
  out.push(
    '',
    style.dim(
      result.placement?.where === 'copy'
        ? `Builds in copies: ${bytes(result.sandboxBytes)} per copy, one copy per build, removed afterwards; copying, hashing and checks took ${seconds(result.overheadMs)}.`
        : `Builds isolated at the project's own paths (nothing written to the workspace); set-up and checks took ${seconds(result.overheadMs)}.`,
    ),
  );
  for (const note of result.notes) out.push(style.yellow(`note: ${note}`));
  return `${out.join('\n')}\n`;
}
