// Terminal report of the trace probe: an indented tree target <- reason, with recipe lines.
import type { TraceReport } from '../../../engine/probes/traceProbe';
import { relativeTo, type TraceNode } from '../../../engine/probes/traceModel';
import { reasonSummary } from '../../../engine/probes/reasonSummary';
import { placementLines } from './placementReport';
import { location, type Style } from './style';

export function traceReport(report: TraceReport, root: string, style: Style): string {
  const lines: string[] = [];
  const failed = report.exitCode !== undefined && report.exitCode !== 0;
  if (failed) {
    lines.push(style.red(style.bold(`make -n --trace failed (exit ${report.exitCode}):`)));
    for (const error of report.errors) lines.push(style.red(error));
    if (report.roots.length > 0) lines.push(style.dim('what make traced before it stopped:'));
  }
  const visit = (node: TraceNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const target = node.target;
    const where = location(target.file && relativeTo(root, target.file), target.line);
    const phony = target.phony ? style.dim(' (phony)') : '';
    lines.push(`${pad}${style.bold(target.name)}${phony}  ${style.dim(where)}`);
    lines.push(`${pad}  because: ${reasonSummary(target.reason, root, 'with --json')}`);
    for (const command of target.recipe) lines.push(`${pad}  ${style.dim('$')} ${command}`);
    for (const child of node.children) visit(child, depth + 1);
  };
  if (report.roots.length === 0 && !failed) lines.push(style.green('nothing would be rebuilt'));
  for (const root of report.roots) visit(root, 0);
  for (const goal of report.upToDate) lines.push(style.dim(`up to date: ${goal}`));
  if (!failed) for (const error of report.errors) lines.push(style.red(error));
  lines.push(...placementLines(report.placement, style));
  return lines.join('\n') + '\n';
}
