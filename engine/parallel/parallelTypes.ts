// Plain data of a serial-against-parallel comparison: runs, differences, findings (wire-safe, no classes).

/** A place in a makefile; `line` is 1-based like make prints it. */
export interface MakefileLocation {
  /** Absolute path in the user's project (never the sandbox). */
  file: string;
  line: number;
}

/** A one-line edit that would fix a finding: insert `text` at `line`:`character` (0-based). */
export interface PrerequisiteFix {
  file: string;
  /** 0-based line and character of the insertion point. */
  line: number;
  character: number;
  text: string;
  /** The rule line as it would read after the fix (what a report shows). */
  resultingLine: string;
  /** Human words: "add a.txt to the prerequisites of b.txt". */
  title: string;
}

export type FindingKind = 'missing-prerequisite' | 'missing-order-only-directory' | 'conflicting-writes';

export interface ParallelFinding {
  kind: FindingKind;
  /** The target whose recipe reads the file (or the first writer for conflicting writes). */
  target: string;
  /** The target that writes the file (or the second writer). */
  otherTarget: string;
  /** Path relative to the project directory. */
  file: string;
  message: string;
  /** The rule of `target` (where a diagnostic goes). */
  rule?: MakefileLocation;
  /** The rule of `otherTarget`. */
  otherRule?: MakefileLocation;
  fix?: PrerequisiteFix;
}

export type RunKind = 'serial' | 'serial-repeat' | 'parallel' | 'shuffle-reverse' | 'shuffle-seed' | 'traced';

export interface RunRecord {
  label: string;
  kind: RunKind;
  jobs: number;
  /** The --shuffle argument value, when any ('reverse' or a seed number). */
  shuffle?: string;
  /** A command that reproduces this run in the project directory. */
  command: string[];
  exitCode: number;
  firstError?: string;
  wallMs: number;
  /** Targets in the order their recipes started (from --trace). */
  order: string[];
  /** Paths (relative to the project) created, changed and deleted by the run. */
  created: string[];
  changed: string[];
  deleted: string[];
  /** Whether per-target logs were grouped by make (--output-sync=target). */
  outputSynced: boolean;
}

export interface ArtifactDifference {
  path: string;
  /** The serial run's state and the other run's state: a hash, or 'absent'. */
  serial: string;
  other: string;
  run: string;
  /** Texts for a side-by-side diff, when both sides are small text files (or absent = ''). */
  serialText?: string;
  otherText?: string;
}

export interface LogDifference {
  target: string;
  run: string;
  serialLog: string;
  otherLog: string;
}

export interface RunDifference {
  run: string;
  exitCodeDiffers: boolean;
  /** Shown, never decisive: make's words differ with the order it ran things in. */
  firstErrorDiffers: boolean;
  /** Files whose state differs from the serial build's, apart from the non-deterministic ones. */
  artifacts: ArtifactDifference[];
  /** Per-target logs that differ: shown, never decisive (grouping and order change with -j). */
  logs: LogDifference[];
  /** Files that differ here too but also differ between two serial builds (timestamps, random names). */
  nondeterministic?: string[];
}

export type TracingStatus =
  | { state: 'traced'; tool: string; wallMs: number; overheadPercent: number; processes: number }
  | { state: 'unavailable'; reason: string }
  | { state: 'skipped'; reason: string };

export type Verdict =
  | 'clean'
  | 'differences'
  | 'findings'
  | 'differences-and-findings'
  /** Nothing to compare against: the build fails serially too. */
  | 'serial-build-failed';

export interface ParallelDiffResult {
  verdict: Verdict;
  directory: string;
  targets: string[];
  make: { path: string; version: string; canShuffle: boolean; outputSync: boolean };
  jobs: number;
  runs: RunRecord[];
  differences: RunDifference[];
  findings: ParallelFinding[];
  tracing: TracingStatus;
  /** Serial wall time divided by the parallel run's wall time. */
  speedup?: number;
  /** The command that shows the first difference again (with its seed). */
  reproduce?: string[];
  /** Bytes each build copied (0 when the builds were isolated at the project's own paths). */
  sandboxBytes: number;
  /** Time spent setting up, copying, hashing and checking, apart from the builds. */
  overheadMs: number;
  /**
   * Files that differ between two serial builds: non-deterministic output (a timestamp, a random
   * temporary name), reported apart and never taken for an effect of parallelism.
   */
  nondeterministic?: ArtifactDifference[];
  /** Where the builds ran: isolated (the usual), or in copies where isolation is not available. */
  placement?: { where: 'isolated' | 'copy'; reasons: string[] };
  notes: string[];
}
