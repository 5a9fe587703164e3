// The custom requests between client and server: the probes (make runs) with their params and results.
// The message class alone: the extension's activation bundle imports these types and must not load the
// whole protocol library (server and client get the same class from vscode-jsonrpc either way).
import { RequestType } from 'vscode-jsonrpc/lib/common/messages';
import type { EvidenceReport } from '../engine/evidence/evidenceTypes';
import type { PlacementSummary } from '../engine/probes/makeRun';
import type { ProbeErrorKind } from '../engine/probes/probeOptions';
import type { ListTargetsResult } from '../engine/analysis/listTargets';
import type { ConvergenceResult } from '../engine/probes/convergenceProbe';
import type { DatabaseResult } from '../engine/probes/databaseProbe';
import type { DryRunResult } from '../engine/probes/dryRunProbe';
import type { ResolveResult } from '../engine/probes/resolveProbe';
import type { TimingResult } from '../engine/probes/timingProbe';
import type { TraceReport } from '../engine/probes/traceProbe';

export type { ConvergenceResult, StaleTarget, SubMakeSummary } from '../engine/probes/convergenceProbe';
export type { DatabaseResult } from '../engine/probes/databaseProbe';
export type { DryRunGroup, DryRunResult } from '../engine/probes/dryRunProbe';
export type { ResolveResult, ResolvedValue } from '../engine/probes/resolveProbe';
export type { TimingResult } from '../engine/probes/timingProbe';
export type { TraceReport } from '../engine/probes/traceProbe';
export type { LocatedTarget, TraceNode } from '../engine/probes/traceModel';
export type {
  MakeDatabase,
  DbVariable,
  DbFile,
  DbPatternRule,
} from '../engine/probes/parsers/databaseParser';
export type { PlacementSummary } from '../engine/probes/makeRun';

/** One make run of a probe, exactly as it ran, so a user can repeat it in a terminal. */
export interface ProbeRun {
  /** The command line to paste into a terminal in `cwd` (quoted for a POSIX shell; never run through one). */
  command: string;
  make: string;
  args: string[];
  /** The project directory (make ran there, isolated or in place, or in a throwaway copy of it). */
  cwd: string;
  sandboxed: boolean;
  where?: 'isolated' | 'copy' | 'in-place';
  exitCode: number | null;
  durationMs: number;
}

/** Every probe answer lists the make runs it made. */
export type WithRuns<R> = R & { makeRuns?: ProbeRun[] };

/** What every probe request carries. Unset fields come from the server's settings. */
export interface ProbeParams {
  /** A makefile (make runs in its folder with -f) or a folder; default: the first workspace folder. */
  uri?: string;
  targets?: string[];
  jobs?: number;
  sandbox?: 'auto' | 'always' | 'never';
  /**
   * make's command-line variables (`make NAME=VALUE`), one argument each, never through a shell. A
   * NAME that is not a make variable name is refused (error kind 'usage').
   */
  commandLineVariables?: Record<string, string>;
  /** Client-side progress token (LSP work done progress). */
  workDoneToken?: string | number;
}

export interface ConvergenceParams extends ProbeParams {
  /** Build in a sandbox copy first, then check that the build settled. */
  buildFirst?: boolean;
}

export interface TraceParams extends ProbeParams {
  /** Read this log of a real run made with --trace instead of running make. */
  logFile?: string;
}

export interface ResolveVariableParams extends ProbeParams {
  variables: string[];
  /** Resolve as seen by this target (target- and pattern-specific values). */
  target?: string;
}

export interface TimingParams extends ProbeParams {
  /** Also time a full build in a sandbox copy. */
  build?: boolean;
}

/** error.data of a failed probe request. */
export interface ProbeErrorData {
  kind: ProbeErrorKind | 'untrusted';
}

export const ConvergenceRequest = new RequestType<
  ConvergenceParams,
  WithRuns<ConvergenceResult>,
  ProbeErrorData
>('makescope/convergence');
export const TraceRequest = new RequestType<TraceParams, WithRuns<TraceReport>, ProbeErrorData>(
  'makescope/trace',
);
export const DatabaseRequest = new RequestType<ProbeParams, WithRuns<DatabaseResult>, ProbeErrorData>(
  'makescope/database',
);
export const ResolveVariableRequest = new RequestType<
  ResolveVariableParams,
  WithRuns<ResolveResult>,
  ProbeErrorData
>('makescope/resolveVariable');
export const DryRunRequest = new RequestType<ProbeParams, WithRuns<DryRunResult>, ProbeErrorData>(
  'makescope/dryRun',
);
export const TimingRequest = new RequestType<TimingParams, WithRuns<TimingResult>, ProbeErrorData>(
  'makescope/timing',
);

export type { ListedTarget, ListTargetsResult } from '../engine/analysis/listTargets';

/** The targets of a makefile (or of a folder's makefile) from the static model: instant, no make run. */
export interface ListTargetsParams {
  uri?: string;
}
export const ListTargetsRequest = new RequestType<ListTargetsParams, ListTargetsResult, void>(
  'makescope/listTargets',
);

export type {
  EscalationCriterion,
  EvidenceLocation,
  EvidenceReport,
  RecordedCommand,
  Rung,
  Verdict as EvidenceVerdict,
} from '../engine/evidence/evidenceTypes';

export interface CollectEvidenceParams extends ProbeParams {
  /** What was seen, in a few words (kept in the report). */
  symptom?: string;
  /** Random shuffle seeds / repeated parallel builds for the serial-against-parallel rung. */
  runs?: number;
  /** Skip the builds in sandbox copies. */
  skipBuilds?: boolean;
  /** Add the timeline rung whatever the symptom says. */
  timeline?: boolean;
  /** Add the dependency audit rung whatever the symptom says. */
  audit?: boolean;
}

export interface CollectEvidenceResult {
  report: EvidenceReport;
  /** The folder with every output and report.md/json/sarif (under the system's temporary folder). */
  outputDirectory: string;
  markdownPath: string;
  /** Each rung records where its make runs ran; there is no single placement. */
  placement?: PlacementSummary;
}

export const CollectEvidenceRequest = new RequestType<
  CollectEvidenceParams,
  CollectEvidenceResult,
  ProbeErrorData
>('makescope/collectEvidence');

export interface RunbookResult {
  markdown: string;
  placement?: PlacementSummary;
}

export const GenerateRunbookRequest = new RequestType<ProbeParams, WithRuns<RunbookResult>, ProbeErrorData>(
  'makescope/generateRunbook',
);
