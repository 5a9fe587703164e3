// Durations as reports show them: whole milliseconds under a second, seconds with two decimals above.
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  if (ms < 10) return `${(Math.round(ms * 10) / 10).toString()} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
