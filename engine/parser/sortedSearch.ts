// Binary search over ascending offsets: the parser maps offsets to lines and to source pieces with it.

/** The index of the last element not greater than `value` (0 when every element is greater). */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
