// Terminal report of the convergence probe.
import type { ConvergenceResult } from '../../../engine/probes/convergenceProbe';
import { relativeTo } from '../../../engine/probes/traceModel';
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
  if (result.unchanged.length > 0) {
    lines.push(style.dim('remade by make, but a real second make changed nothing (fine):'));
    for (const target of result.unchanged)
      lines.push(style.dim(`  ${target.name}  ${where(target.file, target.line)}: ${target.hint}`));
  }
  if (result.observed && result.observed.written.length > 0) {
    const shown = result.observed.written.slice(0, 10);
    lines.push(`a real second make (isolated) wrote ${result.observed.written.length} file(s):`);
    for (const file of shown) lines.push(`  ${file.change} ${relativeTo(root, file.path)}`);
    if (result.observed.written.length > shown.length)
      lines.push(
        style.dim(`  … and ${result.observed.written.length - shown.length} more (--json lists all)`),
      );
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
