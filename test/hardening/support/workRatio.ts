// Linearity without a timing threshold: the ratio of CPU costs of one input and its 10x within one run.
/**
 * Machines are noisy (other test runs share the cores), so no absolute time is asserted. Instead
 * the same process parses an input of size n and one of size 10n, interleaved, and keeps the
 * minimum CPU time of each: noise only ever adds time, so the minima converge on the true costs,
 * and their ratio is about 10 for linear work and about 100 for quadratic work. When the ratio is
 * above the bound, more samples are taken before giving up, so noise cannot fail the test while a
 * quadratic parser still fails at once.
 */
export interface RatioResult {
  ratio: number;
  smallMs: number;
  largeMs: number;
  samples: number;
}

function cpuMs(work: () => unknown): number {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * What 10x the input may cost, in CPU time, at most: linear work with noise passes, quadratic work (~100x)
 * fails. It tells linear from quadratic, not fast from slow: on a busy 2-core machine 12x failed once at 13.0x.
 */
export const TENFOLD_LINEAR_BOUND = 25;

export function costRatio(
  small: () => unknown,
  large: () => unknown,
  bound: number,
  maxSamples = 15,
): RatioResult {
  small();
  large();
  let smallMs = Infinity;
  let largeMs = Infinity;
  let samples = 0;
  while (samples < maxSamples) {
    samples++;
    smallMs = Math.min(smallMs, cpuMs(small));
    largeMs = Math.min(largeMs, cpuMs(large));
    if (samples >= 3 && largeMs / smallMs <= bound) break;
  }
  return { ratio: largeMs / smallMs, smallMs, largeMs, samples };
}
