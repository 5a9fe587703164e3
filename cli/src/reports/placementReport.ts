// The "where did make run" lines shared by every report.
import type { PlacementSummary } from '../../../server/src/probes/makeRun';
import type { Style } from './style';

export function placementLines(placement: PlacementSummary | undefined, style: Style): string[] {
  if (!placement) return [];
  const lines = [
    style.dim(
      `make: ${placement.make} (GNU make ${placement.makeVersion}), ran ${placement.where === 'sandbox' ? 'in a sandbox copy' : 'in place'}`,
    ),
  ];
  for (const reason of placement.reasons) lines.push(style.dim(`  ${reason}`));
  return lines;
}
