// A monotonic clock in milliseconds for the probes' durations.

/**
 * Milliseconds from an arbitrary start. Node's global `performance` loads perf_hooks when first touched
 * (about 3 ms of every CLI run); process.hrtime reads the same monotonic clock.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
