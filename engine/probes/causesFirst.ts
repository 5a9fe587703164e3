// The order stale targets are named in: causes first. make -n names targets in the order it visits
// them, so an always-run target (kbuild's .kernelrelease, FORCE'd) would come before the rebuild a
// touched source really causes.
import type { LocatedTarget } from './traceModel';

/**
 * Rank 0: a target newer-than a prerequisite that no rule of this run makes (a source that changed);
 * 1: the rest; 2: forced (rebuilt on every run whatever changed). Stable within a rank; each target
 * once (make traces a target again in every sub-make that reaches it).
 */
export function causesFirst<T extends LocatedTarget>(stale: T[], madeByRules: Set<string>): T[] {
  const seen = new Set<string>();
  const once = stale.filter((target) => {
    const key = `${target.directory}\0${target.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rank = (target: T): number => {
    if (target.reason.kind === 'forced') return 2;
    if (
      target.reason.kind === 'newer-prerequisites' &&
      target.reason.prerequisites.some((name) => name !== 'FORCE' && !madeByRules.has(name))
    )
      return 0;
    return 1;
  };
  return once
    .map((target, index) => ({ target, index, rank: rank(target) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ target }) => target);
}
