// The build timeline's shapes: one span per target per make level, and the chain that bounded the build.

export interface TargetSpan {
  target: string;
  /** MAKELEVEL of the make that ran the recipe (0 = top level). */
  level: number;
  /** CURDIR of that make. */
  directory: string;
  /** Seconds since the build started. */
  start: number;
  end: number;
  /** Process ids the recipe started (sub-makes included). */
  pids: number[];
}

export interface Timeline {
  /** Seconds from make's start to its exit. */
  wallSeconds: number;
  spans: TargetSpan[];
  /** Spans that ran one after another up to the build's end, first to last. */
  criticalPath: TargetSpan[];
  criticalSeconds: number;
  /** Share of the wall time during which at least one recipe ran (0–1). */
  coverage: number;
}
