// Which spans hold which: a sub-make's recipe holds the deeper make level's spans that ran within it.
// Sorted by start with the least end from each position on, so a question costs a binary search, not a scan.
import type { TargetSpan } from './timelineTypes';

interface ByStart {
  /** Indices into the spans, by start. */
  order: number[];
  starts: number[];
  /** The least end among order[i..]. */
  leastEndFrom: number[];
}

function byStart(spans: readonly TargetSpan[], indices: number[]): ByStart {
  const order = indices.sort((a, b) => spans[a].start - spans[b].start);
  const leastEndFrom = new Array<number>(order.length);
  let least = Infinity;
  for (let i = order.length - 1; i >= 0; i--) {
    least = Math.min(least, spans[order[i]].end);
    leastEndFrom[i] = least;
  }
  return { order, starts: order.map((index) => spans[index].start), leastEndFrom };
}

/** The first position whose start is at or after `time`. */
function firstFrom(starts: readonly number[], time: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class SpanNesting {
  /** Per make level: its own spans. */
  private readonly atLevel = new Map<number, ByStart>();
  /** Per make level: the spans of every deeper level. */
  private readonly below = new Map<number, ByStart>();

  constructor(private readonly spans: readonly TargetSpan[]) {}

  /** Whether a span of a deeper make level lies within `outer`: then `outer` ran a sub-make (a container). */
  holdsDeeper(outer: TargetSpan): boolean {
    let deeper = this.below.get(outer.level);
    if (!deeper) {
      const indices = this.spans.flatMap((span, i) => (span.level > outer.level ? [i] : []));
      deeper = byStart(this.spans, indices);
      this.below.set(outer.level, deeper);
    }
    const from = firstFrom(deeper.starts, outer.start);
    return from < deeper.order.length && deeper.leastEndFrom[from] <= outer.end;
  }

  /** The spans one make level deeper that lie within `outer`, in the order of the spans given. */
  inner(outer: TargetSpan): TargetSpan[] {
    const level = this.levelIndex(outer.level + 1);
    const found: number[] = [];
    // A span within `outer` starts no later than `outer` ends (spans never end before they start).
    for (let i = firstFrom(level.starts, outer.start); i < level.order.length; i++) {
      const index = level.order[i];
      const span = this.spans[index];
      if (span.start > outer.end) break;
      if (span.end <= outer.end) found.push(index);
    }
    return found.sort((a, b) => a - b).map((index) => this.spans[index]);
  }

  private levelIndex(level: number): ByStart {
    let spans = this.atLevel.get(level);
    if (!spans) {
      const indices = this.spans.flatMap((span, i) => (span.level === level ? [i] : []));
      spans = byStart(this.spans, indices);
      this.atLevel.set(level, spans);
    }
    return spans;
  }
}

/** The spans that hold a deeper make level's spans (sub-make recipes): not work of their own. */
export function containerSpans(spans: readonly TargetSpan[]): Set<TargetSpan> {
  const nesting = new SpanNesting(spans);
  return new Set(spans.filter((span) => nesting.holdsDeeper(span)));
}
