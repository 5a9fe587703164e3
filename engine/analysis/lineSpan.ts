// Which items of a list in source order can hold a position: found by binary search on the line, so
// what lies under the cursor costs O(log n) on a 30,000-line file instead of a walk over every item.
import type { Range } from '../parser/ast';

interface Layout {
  /** True when the items start in ascending line order (lists built from a parse always do). */
  sorted: boolean;
  /** The most lines one item spans, so items starting that far above a line may still reach it. */
  maxSpan: number;
}

const layouts = new WeakMap<readonly unknown[], Layout>();

function layoutOf<T>(items: readonly T[], rangeOf: (item: T) => Range): Layout {
  let layout = layouts.get(items);
  if (!layout) {
    let sorted = true;
    let maxSpan = 0;
    let previous = -1;
    for (const item of items) {
      const { start, end } = rangeOf(item);
      if (start.line < previous) sorted = false;
      previous = start.line;
      maxSpan = Math.max(maxSpan, end.line - start.line);
    }
    layout = { sorted, maxSpan };
    layouts.set(items, layout);
  }
  return layout;
}

/** The first index whose item starts on a line at or after `line`. */
function firstStartingAt<T>(items: readonly T[], line: number, rangeOf: (item: T) => Range): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rangeOf(items[mid]).start.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `[from, to)`: the only indices of `items` whose range can contain a position on `line`, in list
 * order. The list must not change after its first lookup (the layout is kept per list).
 */
export function indicesNearLine<T>(
  items: readonly T[],
  line: number,
  rangeOf: (item: T) => Range,
): [from: number, to: number] {
  const { sorted, maxSpan } = layoutOf(items, rangeOf);
  if (!sorted) return [0, items.length];
  return [firstStartingAt(items, line - maxSpan, rangeOf), firstStartingAt(items, line + 1, rangeOf)];
}
