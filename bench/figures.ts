// The shape of one benchmark figure, shared by every bench module, the report and the budget check.
export interface Figure {
  /** Stable identifier; bench/budgets.json refers to figures by this key. */
  key: string;
  section: string;
  label: string;
  /** Undefined when the figure could not be measured; `na` then says why. */
  value?: number;
  unit: string;
  /** The peer or lower bound measured in the same run, as text for the table. */
  peer?: string;
  na?: string;
  /** For overhead budgets: the time of the bare make command the figure is compared with, in ms. */
  baseline?: number;
  /**
   * The figure against its peer or bound measured in the same run, by name (e.g. `vsReadSplit`: ours ÷
   * read+split; `serverShareP95Ms`: the answer's time over its own floor). A budget refers to one as
   * `figureKey:name`; being measured side by side, they mean the same on a slow or a fast machine.
   */
  ratios?: Record<string, number>;
  /** Raw numbers kept in the JSON only. */
  details?: Record<string, unknown>;
}

export function notAvailable(
  key: string,
  section: string,
  label: string,
  unit: string,
  reason: string,
): Figure {
  return { key, section, label, unit, na: reason };
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 160);
}

export function formatValue(value: number, unit: string): string {
  if (unit === 'lines/s') return `${(value / 1e6).toFixed(2)} M lines/s`;
  if (unit === 'MB/s') return `${value.toFixed(1)} MB/s`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  if (unit === 'ms') return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`;
  if (unit === '%') return `${value.toFixed(1)} %`;
  if (unit === 'x') return `${value.toFixed(2)}x`;
  return `${value} ${unit}`;
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
