// The critical path through the declared graph: the chain of recipes whose durations bound the build at any -j.
import { DeclaredChains, spansOf } from './declaredChains';
import type { MakeGraph } from './makeDatabases';
import { containerSpans } from './spanNesting';
import type { ReadSpan, Speedup, TargetSpan } from './timelineTypes';

/** The spans that did work of their own: all but the sub-make recipes (containers). */
export function workSpans(spans: readonly TargetSpan[], containers = containerSpans(spans)): TargetSpan[] {
  return spans.filter((span) => !containers.has(span));
}

/** Share of `wallSeconds` during which at least one span (a recipe or a read) ran. */
export function coverage(spans: readonly { start: number; end: number }[], wallSeconds: number): number {
  if (wallSeconds <= 0) return 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = -Infinity;
  for (const span of sorted) {
    const from = Math.max(span.start, reach);
    if (span.end > from) covered += span.end - from;
    reach = Math.max(reach, span.end);
  }
  return Math.min(1, covered / wallSeconds);
}

export function spanSeconds(chain: readonly TargetSpan[]): number {
  return chain.reduce((sum, span) => sum + (span.end - span.start), 0);
}

/** The position in `order` (by end) before `limit` of the last span that ended by `time`; -1 when none did. */
function lastEndedBy(order: readonly TargetSpan[], time: number, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order[middle].end <= time) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The chain that bounded the build by what ran before what (the fallback without databases): from the
 * recipe that ended last, back through the one that ended last before each started.
 */
function observedChain(spans: readonly TargetSpan[]): TargetSpan[] {
  const work = workSpans(spans);
  // By end; among equal ends the one first in `work` last, so that it is the one found.
  const order = work
    .map((_, i) => i)
    .sort((a, b) => work[a].end - work[b].end || b - a)
    .map((i) => work[i]);
  const chain: TargetSpan[] = [];
  // Each step looks only before the last one found: a zero-length span is never found twice.
  for (let at = order.length - 1; at >= 0; at = lastEndedBy(order, order[at].start, at))
    chain.push(order[at]);
  return chain.reverse();
}

export interface CriticalPath {
  spans: TargetSpan[];
  seconds: number;
  from: 'declared' | 'observed';
}

export function criticalPath(
  spans: readonly TargetSpan[],
  graphs: ReadonlyMap<string, MakeGraph>,
  reads: readonly ReadSpan[] = [],
): CriticalPath {
  const chains = new DeclaredChains(spans, graphs, reads);
  // No span at all (nothing to rebuild) is no sign of a missing database.
  if (spans.length > 0 && !spans.some((span) => chains.hasGraph(span))) {
    const chain = observedChain(spans);
    return { spans: chain, seconds: spanSeconds(chain), from: 'observed' };
  }
  const chain = chains.longest();
  return { spans: spansOf(chain), seconds: chain.seconds, from: 'declared' };
}

interface Found {
  index: number;
  speedup: Speedup;
}

/** Best first; savings equal but for `rounding` in the path's order. */
function byGain(rounding: number): (a: Found, b: Found) => number {
  return (a, b) => {
    const gain = b.speedup.savesSeconds - a.speedup.savesSeconds;
    return Math.abs(gain) > rounding ? gain : a.index - b.index;
  };
}

/**
 * For each recipe on the path: how much shorter the path would be if it took no time; the `limit` best.
 * A recipe saves at most its duration times its places on the path (a span within two overlapping recipes of
 * the make above can be on it twice), so they are tried by that bound, largest first, and a recipe that could at best
 * tie the `limit`-th saving and comes later on the path is not tried: a path of 25,000 recipes needs a few walks
 * over the graph, not 25,000. Savings equal but for rounding (ten archives of 0.1 s each, summed in different
 * orders) count as equal and keep the path's order.
 */
export function speedups(
  spans: readonly TargetSpan[],
  graphs: ReadonlyMap<string, MakeGraph>,
  path: CriticalPath,
  reads: readonly ReadSpan[] = [],
  limit = 3,
): Speedup[] {
  if (path.from === 'observed')
    return [...path.spans]
      .sort((a, b) => b.end - b.start - (a.end - a.start))
      .slice(0, limit)
      .map((span) => ({ ...keyOf(span), savesSeconds: span.end - span.start }));
  if (limit <= 0) return [];
  const chains = new DeclaredChains(spans, graphs, reads);
  const rounding = 1e-9 * Math.max(1, path.seconds);
  const order = byGain(rounding);
  const places = new Map<TargetSpan, number>();
  for (const span of path.spans) places.set(span, (places.get(span) ?? 0) + 1);
  const tried = path.spans
    .map((span, index) => ({ span, index, most: (span.end - span.start) * (places.get(span) ?? 1) }))
    .sort((a, b) => b.most - a.most || a.index - b.index);
  const saved = new Map<TargetSpan, number>();
  let top: Found[] = [];
  for (const { span, index, most } of tried) {
    if (top.length === limit) {
      const last = top[limit - 1].speedup.savesSeconds;
      if (most < last - rounding) break;
      const tied = top.filter((one) => Math.abs(one.speedup.savesSeconds - last) <= rounding);
      if (most <= last + rounding && tied.every((one) => one.index < index)) continue;
    }
    const savesSeconds = saved.get(span) ?? path.seconds - chains.longest(span).seconds;
    saved.set(span, savesSeconds);
    if (savesSeconds > 0)
      top = [...top, { index, speedup: { ...keyOf(span), savesSeconds } }].sort(order).slice(0, limit);
  }
  return top.map((one) => one.speedup);
}

function keyOf(span: TargetSpan): { target: string; level: number; directory: string } {
  return { target: span.target, level: span.level, directory: span.directory };
}
