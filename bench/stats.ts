// Timing helpers: high-resolution clocks, medians and percentiles for noisy machines.
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every contender once per round, in turn, so that all of them see the same machine noise;
 * returns each contender's per-round times in ms (warm-up rounds dropped).
 */
export function interleaved(
  contenders: ReadonlyArray<() => void>,
  rounds: number,
  warmup: number,
  options: { rotate?: boolean } = {},
): number[][] {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      // Rotated, each contender goes first in as many rounds: the garbage one leaves falls on each alike.
      const i = options.rotate ? (round + turn) % contenders.length : turn;
      const start = nowMs();
      (contenders[i] as () => void)();
      const elapsed = nowMs() - start;
      if (round >= warmup) times[i].push(elapsed);
    }
  }
  return times;
}

/** The median of the per-round ratios `a[round] / b[round]`: both timed in the same round, the drift between rounds cancels. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, round) => value / (b[round] as number)));
}

export async function interleavedAsync(
  contenders: ReadonlyArray<() => Promise<void>>,
  rounds: number,
  warmup: number,
): Promise<number[][]> {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const start = nowMs();
      await contenders[i]();
      const elapsed = nowMs() - start;
      if (round >= warmup) times[i].push(elapsed);
    }
  }
  return times;
}
