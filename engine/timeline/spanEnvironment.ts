// How a traced process is tied to its span: an exported variable make expands per recipe at every level.

/** Exported to every recipe as `MAKELEVEL|CURDIR|$@`. */
export const SPAN_ENV = 'MAKESCOPE_SPAN';

/**
 * A recursive exported variable is expanded per recipe with that target's `$@`; sub-makes inherit
 * --eval through MAKEFLAGS and define it again with their own level and directory.
 */
export function spanExportArgs(): string[] {
  return [`--eval=export ${SPAN_ENV} = $(MAKELEVEL)|$(CURDIR)|$@`];
}

export interface SpanKey {
  level: number;
  directory: string;
  target: string;
}

export function parseSpanValue(value: string): SpanKey | undefined {
  const first = value.indexOf('|');
  const last = value.lastIndexOf('|');
  if (first < 0 || last === first) return undefined;
  const level = Number(value.slice(0, first));
  if (!Number.isInteger(level)) return undefined;
  return { level, directory: value.slice(first + 1, last), target: value.slice(last + 1) };
}
