// The build timeline's shapes: one span per target per make level, the chain that bounded the build, parallelism and idle slots.

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

/** A make reading its makefiles (remaking them included) before its first recipe, or after re-executing. */
export interface ReadSpan {
  /** MAKELEVEL of that make. */
  level: number;
  /** Seconds since the build started. */
  start: number;
  end: number;
  /** The make's process id. */
  pid: number;
  /** CURDIR of that make (the directory it reported with getcwd, after any -C), when the trace shows it. */
  directory?: string;
  /**
   * The makefiles it read, in the order make read them: its MAKEFILE_LIST (includes after the makefile
   * that names them), as make names them relative to `directory`. A read the make redid after remaking a
   * makefile has only the makefile it was given (the database shows the last read). Empty when that make
   * printed no database.
   */
  makefiles: string[];
}

/** A span as the timeline shows it: its job lane, whether it only holds a sub-make, where its rule is. */
export interface ParsedTimeline {
  /** First and last timestamp of the log (seconds since the epoch). */
  first: number;
  last: number;
  spans: TargetSpan[];
  reads: ReadSpan[];
  /**
   * `level|directory|target` of each target make ran a recipe line of (the recipe recorder's reports, make's own
   * account, whatever shell the line ran in); undefined under strace.
   */
  ranRecipes?: Set<string>;
}

export interface TimelineSpan extends TargetSpan {
  /** Job lane (0-based): spans on one lane never overlap. Containers get -1. */
  lane: number;
  /** The recipe ran a sub-make whose spans it holds: not work of its own. */
  container: boolean;
  critical: boolean;
  /** Where make says the rule's recipe is (the user's project, never a copy). */
  rule?: { file: string; line: number };
}

/** How many recipes ran from `time` until the next step. */
export interface ParallelismStep {
  time: number;
  running: number;
}

export interface Speedup {
  target: string;
  level: number;
  directory: string;
  /** Seconds the critical path would lose if this target took no time. */
  savesSeconds: number;
}

export interface Timeline {
  /** Seconds from make's start to its exit. */
  wallSeconds: number;
  /** The -j the build ran with. */
  jobs: number;
  spans: TimelineSpan[];
  /** Each make reading its makefiles, in the order they started. */
  reads: ReadSpan[];
  /** The chain through the declared graph whose durations bound the build at any -j, first to last. */
  criticalPath: TargetSpan[];
  criticalSeconds: number;
  /** 'declared': from make's databases of the same run; 'observed': from the order spans ran in. */
  criticalFrom: 'declared' | 'observed';
  /** Share of the wall time during which a recipe ran or a make read its makefiles (0–1). */
  coverage: number;
  /** Recipe-seconds over wall-seconds. */
  averageParallelism: number;
  parallelism: ParallelismStep[];
  /** Job-slot seconds left unused at -j`jobs` over the build. */
  idleSlotSeconds: number;
  /** The targets whose speed-up would shorten the build most, best first. */
  speedups: Speedup[];
}
