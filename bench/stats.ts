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
): number[][] {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < warmup + rounds; round++) {
    contenders.forEach((run, i) => {
      const start = nowMs();
      run();
      const elapsed = nowMs() - start;
      if (round >= warmup) times[i].push(elapsed);
    });
  }
  return times;
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
