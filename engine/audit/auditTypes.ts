// Plain data of a dependency audit: make's declared graph against what one traced build read and wrote (wire-safe).
import type { MakefileLocation, TracingStatus } from '../parallel/parallelTypes';

export type AuditFindingKind =
  /** A recipe reads a file another target writes, and no declared path orders the two. */
  | 'missing-prerequisite'
  /** A recipe writes into a directory another target creates: only its existence matters (order-only). */
  | 'missing-order-only-prerequisite'
  /** A declared prerequisite the recipe never read (not an intentional trigger such as FORCE or the makefile). */
  | 'unread-prerequisite'
  /** A file a recipe writes that no rule names as a target. */
  | 'side-output'
  /** A target (not phony) whose recipe never writes it. */
  | 'unwritten-target'
  /** Two targets' recipes write one file. */
  | 'shared-output';

/** Replace the text between `start` and `end` (0-based line and character) with `newText`. */
export interface AuditFix {
  file: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  newText: string;
  /** Human words: "add version.h to the prerequisites of main.o". */
  title: string;
  /** The changed line(s) as they read after the fix. */
  resultingText: string;
}

export interface AuditFinding {
  kind: AuditFindingKind;
  /** Info for what is deliberate as far as can be told (a -MMD dependency file), else warning. */
  severity: 'warning' | 'info';
  /** The target whose rule the finding is about (where a diagnostic goes). */
  target: string;
  /** The file read, written or declared (relative to the project directory). */
  file: string;
  /** The other target involved: the writer of a file read, the second writer. */
  otherTarget?: string;
  message: string;
  /** make's file:line of `target`'s rule. */
  rule?: MakefileLocation;
  /** make's file:line of `otherTarget`'s rule. */
  otherRule?: MakefileLocation;
  /**
   * Other targets the reader's recipe writes too, with rules of their own (libtool's `a.lo` recipe writes
   * `a.o`): in another run order make builds them by that rule, which reads `file` as well. The fix and
   * its verification cover them with `target`.
   */
  alsoTargets?: string[];
  fix?: AuditFix;
  /** Set when the audit verified the fix (a parallel build failing without it, passing with it). */
  verification?: FixVerification;
}

export interface AuditResult {
  directory: string;
  targets: string[];
  make: { path: string; version: string };
  findings: AuditFinding[];
  tracing: TracingStatus;
  /** Targets whose recipes ran in the traced build (the ones audited). */
  auditedTargets: number;
  /** Edges of the declared graph (normal and order-only prerequisites). */
  declaredEdges: number;
  exitCode: number;
  notes: string[];
  /** The declared graph with the findings laid over it (what the graph view draws). */
  graph: AuditGraph;
}

/** A file of the graph: a target (a rule makes it), a plain file (a source), or a side output. */
export interface AuditGraphNode {
  name: string;
  kind: 'target' | 'file' | 'side-output';
  /** make's file:line of the rule whose recipe made it. */
  rule?: MakefileLocation;
}

/** From a target to what it needs (or, for a side output, to what its recipe wrote). */
export interface AuditGraphEdge {
  from: string;
  to: string;
  kind: 'declared' | 'order-only' | 'observed-only' | 'unread' | 'side-output';
}

export interface AuditGraph {
  nodes: AuditGraphNode[];
  edges: AuditGraphEdge[];
}

/** Whether an edit was shown to fix a parallel failure (never claimed without a failing build first). */
export type FixVerification =
  | {
      status: 'verified';
      /** Parallel builds with the fix, all passed (the reproducing one first). */
      runs: number;
      /** Builds without the fix it took to see the failure. */
      reproducedIn: number;
      /** The --shuffle value that reproduces the failure without the fix (make >= 4.4). */
      seed?: string;
      jobs: number;
      /** The command that shows the failure again (without the fix). */
      reproduce: string[];
      /** Edits of other findings verified with this one (the other readers of the file from the same writer). */
      together?: number;
    }
  | {
      status: 'not-enough';
      reason: string;
      runs: number;
      seed?: string;
      jobs: number;
    };
