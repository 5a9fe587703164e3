// Terminal report of the convergence probe.
import type { ConvergenceResult } from '../../../server/src/probes/convergenceProbe';
import { relativeTo } from '../../../server/src/probes/traceModel';
import { placementLines } from './placementReport';
import { location, type Style } from './style';

export function convergenceReport(result: ConvergenceResult, root: string, style: Style): string {
  const lines: string[] = [];
  const where = (file?: string, line?: number) => location(file && relativeTo(root, file), line);
  if (result.verdict === 'converged') {
    lines.push(
      style.green(style.bold('converged')) + (result.builtFirst ? ' (after an isolated build)' : ''),
    );
  } else {
    lines.push(
      style.red(style.bold(`not converged: ${result.stale.length} target(s) would rebuild`)) +
        (result.builtFirst ? ' right after a successful build' : ''),
    );
  }
  for (const target of result.stale) {
    lines.push(`  ${style.bold(target.name)}  ${where(target.file, target.line)}`);
    lines.push(`    ${target.hint}`);
  }
  if (result.phony.length > 0) {
    lines.push(style.dim('phony targets (run every time by design, not a convergence problem):'));
    for (const target of result.phony)
      lines.push(style.dim(`  ${target.name}  ${where(target.file, target.line)}`));
  }
  for (const sub of result.subMakes) {
    const state = sub.hasWork ? style.yellow('has work') : style.green('nothing to do');
    lines.push(`sub-make in ${relativeTo(root, sub.directory)} (level ${sub.makeLevel}): ${state}`);
  }
  for (const note of result.notes) lines.push(style.dim(`note: ${note}`));
  lines.push(...placementLines(result.placement, style));
  return lines.join('\n') + '\n';
}
