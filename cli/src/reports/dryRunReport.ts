// Terminal report of the dry-run probe: commands grouped by target and directory.
import type { DryRunResult } from '../../../engine/probes/dryRunProbe';
import { relativeTo } from '../../../engine/probes/traceModel';
import { placementLines } from './placementReport';
import { location, type Style } from './style';

export function dryRunReport(result: DryRunResult, root: string, style: Style): string {
  const lines: string[] = [];
  const failed = result.exitCode !== undefined && result.exitCode !== 0;
  if (failed) {
    // make's error is the answer; the plan is only what make printed before it stopped.
    lines.push(style.red(style.bold(`make -n failed (exit ${result.exitCode}):`)));
    for (const error of result.errors) lines.push(style.red(error));
    lines.push(style.dim('work make listed before it stopped:'));
  } else if (result.groups.length === 0) lines.push(style.green('no work would run'));
  for (const group of result.groups) {
    const where = location(group.file && relativeTo(root, group.file), group.line);
    const dir = relativeTo(root, group.directory);
    lines.push(
      `${style.bold(group.target)}${group.phony ? style.dim(' (phony)') : ''}  ${style.dim(`${where} in ${dir}`)}`,
    );
    for (const command of group.commands) lines.push(`  ${command}`);
  }
  lines.push(style.dim(`${result.groups.length} target(s), ${result.commandCount} line(s) of output`));
  if (!failed) for (const error of result.errors) lines.push(style.red(error));
  lines.push(...placementLines(result.placement, style));
  return lines.join('\n') + '\n';
}
