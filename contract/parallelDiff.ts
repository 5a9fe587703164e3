// The serial-against-parallel request (makescope/parallelDiff): params and result; the client imports this file.
// The message class alone: the extension's activation bundle imports these types and must not load the
// whole protocol library (server and client get the same class from vscode-jsonrpc either way).
import { RequestType } from 'vscode-jsonrpc/lib/common/messages';
import type { ParallelDiffResult } from '../engine/parallel/parallelTypes';
import type { ProbeErrorData } from './protocol';

export type {
  ArtifactDifference,
  FindingKind,
  LogDifference,
  MakefileLocation,
  ParallelDiffResult,
  ParallelFinding,
  PrerequisiteFix,
  RunDifference,
  RunKind,
  RunRecord,
  TracingStatus,
  Verdict,
} from '../engine/parallel/parallelTypes';

export interface ParallelDiffParams {
  /** A makefile (make runs in its folder with -f) or a folder; default: the first workspace folder. */
  uri?: string;
  targets?: string[];
  /**
   * make's command-line variables (`make NAME=VALUE`), one argument each, never through a shell. A
   * NAME that is not a make variable name is refused (error kind 'usage').
   */
  commandLineVariables?: Record<string, string>;
  /** Jobs of the parallel builds; default: the makescope.jobs setting. */
  jobs?: number;
  /** Random shuffle seeds (make >= 4.4) or repeated -jN builds; default 2. */
  runs?: number;
  /** Which shuffled builds: 'random', 'reverse' or one seed; default reverse plus random seeds. */
  shuffle?: 'random' | 'reverse' | number;
  /** Trace file accesses with strace (default true). */
  trace?: boolean;
  /** Refuse a project bigger than this (each build needs a copy); default 2048 MB. */
  maxSandboxMB?: number;
  /** Client-side progress token (LSP work done progress); cancel with $/cancelRequest. */
  workDoneToken?: string | number;
}

export const ParallelDiffRequest = new RequestType<ParallelDiffParams, ParallelDiffResult, ProbeErrorData>(
  'makescope/parallelDiff',
);
