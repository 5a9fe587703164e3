// One line saying where a probe's make ran and why, for every front end (the full list stays in `reasons`).
import type { Placement } from '../../engine/probes/placement';

const WHERE: Record<Placement['where'], string> = {
  isolated: 'ran isolated (writes kept apart from the workspace)',
  copy: 'ran in a throwaway copy',
  'in-place': 'ran in place',
  refused: 'refused',
};

/** A reason naming a makefile line (`file:line: why: text`), as the safety check writes them. */
const RISKY_LINE = /^[^\s:][^:]*:\d+: /;

/** The reasons that name a makefile line. */
export function riskyLines(placement: Pick<Placement, 'reasons'>): string[] {
  return placement.reasons.filter((reason) => RISKY_LINE.test(reason));
}

/** "ran isolated (...): <how>; 1,400 makefile lines could write, the first: Makefile:18: ..." */
export function placementHeadline(placement: Pick<Placement, 'where' | 'reasons'>): string {
  const risky = riskyLines(placement);
  const other = placement.reasons.filter((reason) => !RISKY_LINE.test(reason));
  const parts = [WHERE[placement.where] + (other.length > 0 ? `: ${other.join('; ')}` : '')];
  if (risky.length === 1) parts.push(`1 makefile line could write: ${risky[0]}`);
  else if (risky.length > 1)
    parts.push(`${risky.length.toLocaleString('en-US')} makefile lines could write, the first: ${risky[0]}`);
  return parts.join('; ');
}
