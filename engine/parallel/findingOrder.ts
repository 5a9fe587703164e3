// The order every dependency finding list is shown in: by kind (the kind's rank), then target, file, other target.
export interface OrderedFinding<K extends string> {
  kind: K;
  target: string;
  file: string;
  otherTarget?: string;
}

/** Sorts `findings` in place by `rank[kind]`, then target, file and other target; returns them. */
export function sortFindings<K extends string, F extends OrderedFinding<K>>(
  findings: F[],
  rank: Record<K, number>,
): F[] {
  return findings.sort(
    (a, b) =>
      rank[a.kind] - rank[b.kind] ||
      a.target.localeCompare(b.target) ||
      a.file.localeCompare(b.file) ||
      (a.otherTarget ?? '').localeCompare(b.otherTarget ?? ''),
  );
}
