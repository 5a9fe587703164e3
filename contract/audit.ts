// The dependency audit request (makescope/audit): params and result; the client imports this file.
// The message class alone, like parallelDiff.ts: the activation bundle must not load the protocol library.
import { RequestType } from 'vscode-jsonrpc/lib/common/messages';
import type { AuditResult } from '../engine/audit/auditTypes';
import type { ProbeErrorData } from './protocol';

export type {
  AuditFinding,
  AuditFindingKind,
  AuditFix,
  AuditGraph,
  AuditGraphEdge,
  AuditGraphNode,
  AuditResult,
  FixVerification,
} from '../engine/audit/auditTypes';

export interface AuditParams {
  /** A makefile (make runs in its folder with -f) or a folder; default: the first workspace folder. */
  uri?: string;
  targets?: string[];
  /** make's command-line variables (`make NAME=VALUE`), one argument each, never through a shell. */
  commandLineVariables?: Record<string, string>;
  /** Verify each fix that changes parallel behaviour (parallel builds with and without it); the quick fix needs it. */
  verify?: boolean;
  /** Client-side progress token (LSP work done progress); cancel with $/cancelRequest. */
  workDoneToken?: string | number;
}

export const AuditRequest = new RequestType<AuditParams, AuditResult, ProbeErrorData>('makescope/audit');
