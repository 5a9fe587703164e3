// Binary search over ascending offsets: the parser maps offsets to lines and to source pieces with it.

/**
 * The index of the last element not greater than `value` (0 when every element is greater), among
 * the first `count` elements; with a `stride`, the elements are `sorted[k * stride]` (records of
 * `stride` numbers sorted by their first).
 */
export function lastAtOrBefore(
  sorted: ArrayLike<number>,
  value: number,
  count = sorted.length,
  stride = 1,
): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid * stride] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
