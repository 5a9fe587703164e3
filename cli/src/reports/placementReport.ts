// The "where did make run" line shared by every report: one line, the whole list with --verbose.
import type { PlacementSummary } from '../../../engine/probes/makeRun';
import { placementHeadline, riskyLines } from '../../../contract/wording/placementHeadline';
import type { Style } from './style';

export function placementLines(placement: PlacementSummary | undefined, style: Style): string[] {
  if (!placement) return [];
  const count = riskyLines(placement).length;
  const more = !style.verbose && count > 1 ? ` (--verbose lists all ${count})` : '';
  const lines = [
    style.dim(
      `make: ${placement.make} (GNU make ${placement.makeVersion}), ${placementHeadline(placement)}${more}`,
    ),
  ];
  if (style.verbose) for (const reason of placement.reasons) lines.push(style.dim(`  ${reason}`));
  return lines;
}
