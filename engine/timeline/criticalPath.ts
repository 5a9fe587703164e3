// Coverage and the critical path of a traced build, from its spans alone.
import type { TargetSpan } from './timelineTypes';

/** A span that holds a deeper make level's spans (a sub-make's recipe) is a container, not work. */
export function workSpans(spans: readonly TargetSpan[]): TargetSpan[] {
  return spans.filter(
    (outer) =>
      !spans.some(
        (inner) => inner.level > outer.level && inner.start >= outer.start && inner.end <= outer.end,
      ),
  );
}

/** Share of `wallSeconds` during which at least one span ran. */
export function coverage(spans: readonly TargetSpan[], wallSeconds: number): number {
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

/**
 * The chain that bounded the build: from the work span that ended last, back through the span
 * that ended last before each one started (what it was waiting for), to the first.
 */
export function criticalPath(spans: readonly TargetSpan[]): TargetSpan[] {
  const work = workSpans(spans);
  if (work.length === 0) return [];
  let current = work.reduce((a, b) => (b.end > a.end ? b : a));
  const chain = [current];
  for (;;) {
    const before = work.filter((span) => span.end <= current.start);
    if (before.length === 0) break;
    current = before.reduce((a, b) => (b.end > a.end ? b : a));
    chain.unshift(current);
  }
  return chain;
}

export function spanSeconds(chain: readonly TargetSpan[]): number {
  return chain.reduce((sum, span) => sum + (span.end - span.start), 0);
}
