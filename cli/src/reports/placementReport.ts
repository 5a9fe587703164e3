// The "where did make run" lines shared by every report.
import type { PlacementSummary } from '../../../server/src/probes/makeRun';
import type { Style } from './style';

const WHERE: Record<PlacementSummary['where'], string> = {
  isolated: 'isolated (writes kept apart from the workspace)',
  copy: 'in a throwaway copy',
  'in-place': 'in place',
  refused: 'nowhere (refused)',
};

export function placementLines(placement: PlacementSummary | undefined, style: Style): string[] {
  if (!placement) return [];
  const lines = [
    style.dim(`make: ${placement.make} (GNU make ${placement.makeVersion}), ran ${WHERE[placement.where]}`),
  ];
  for (const reason of placement.reasons) lines.push(style.dim(`  ${reason}`));
  return lines;
}
