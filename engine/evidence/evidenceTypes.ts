// The evidence report: the rungs of the ladder in order, the escalation criteria and the verdict.

export type RungId =
  | 'symptom'
  | 'intended-work'
  | 'causality'
  | 'resolved-state'
  | 'convergence'
  | 'timing'
  /** Only when the symptom reads as slowness (or asked for): the traced build's timeline. */
  | 'timeline'
  | 'parallel'
  /** Only when serial and parallel differ or the symptom reads as a race (or asked for): the dependency audit. */
  | 'audit'
  | 'escalation';

export type RungStatus = 'ok' | 'finding' | 'error' | 'skipped';

/** One make run made by a rung, as a user could repeat it in a terminal. */
export interface RecordedCommand {
  command: string;
  cwd: string;
  exitCode: number | null;
  durationMs: number;
  /** Where the full output was saved (relative to the evidence folder). */
  outputFile?: string;
  /** Where make ran: isolated at the project's own paths, in a throwaway copy, or in place (read-only runs). */
  where?: 'isolated' | 'copy' | 'in-place';
}

export interface Rung {
  id: RungId;
  /** 1-based position on the ladder. */
  step: number;
  title: string;
  question: string;
  status: RungStatus;
  commands: RecordedCommand[];
  durationMs: number;
  /** A few lines of the output that matter. */
  excerpt: string;
  /** What the answer means, in plain words. */
  interpretation: string;
  /** Makefile lines this rung points at. */
  locations: EvidenceLocation[];
}

export interface EvidenceLocation {
  file: string;
  line?: number;
  message: string;
  /** SARIF rule id for this kind of finding. */
  ruleId: string;
  level: 'error' | 'warning' | 'note';
}

export type CriterionId =
  | 'cannot-reproduce'
  | 'crosses-ownership'
  | 'environment-drift'
  | 'weakens-correctness';

export interface EscalationCriterion {
  id: CriterionId;
  title: string;
  triggered: boolean;
  /** The evidence that triggered it (or why it did not), each a short sentence. */
  evidence: string[];
}

export interface Verdict {
  kind: 'healthy' | 'local-fix' | 'escalate';
  summary: string;
  /** For a local fix: where to look first. */
  pointers: EvidenceLocation[];
  /** For an escalation: what to hand over. */
  handover: string[];
}

export interface EvidenceReport {
  tool: { name: string; version: string };
  createdAt: string;
  directory: string;
  makefile?: string;
  targets: string[];
  jobs: number;
  symptom?: string;
  make: { path: string; version: string };
  rungs: Rung[];
  criteria: EscalationCriterion[];
  verdict: Verdict;
  /** One line on what not to do early, and why. */
  avoidEarly: string;
  /** Folder holding the full outputs, when they were written. */
  outputDirectory?: string;
}

export const AVOID_EARLY =
  'Do not start with rm -rf build, a clean rebuild, disabling -j or commenting out rules: each destroys the evidence (timestamps, partial outputs, the race) before anyone has seen it, and can hide the cause instead of fixing it.';
