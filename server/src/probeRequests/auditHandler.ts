// Binds makescope/audit to the engine through the shared probe request runner (queue, progress, cancel).
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { AuditRequest, type AuditParams } from '../../../contract/audit';
import { auditProbe } from '../../../engine/audit/auditProbe';
import type { AuditResult } from '../../../engine/audit/auditTypes';
import { ProbeRequests, type ProbeHandlerOptions } from './probeRequest';

export interface AuditHandlerOptions extends ProbeHandlerOptions {
  /** Called with each finished audit, e.g. to publish its findings as diagnostics. */
  onResult?(result: AuditResult): void;
}

function auditHandler(requests: ProbeRequests, options: AuditHandlerOptions) {
  return requests.handler('dependency audit', async (probe, params: AuditParams, settings) => {
    const result = await auditProbe({ ...probe, verify: params.verify, jobs: Math.max(2, settings.jobs) });
    options.onResult?.(result);
    return result;
  });
}

/** One audit outside a server (tests, tools): its own queue. */
export function handleAudit(
  connection: Connection,
  options: AuditHandlerOptions,
  params: AuditParams,
  token: CancellationToken,
) {
  return auditHandler(new ProbeRequests(connection, options), options)(params, token);
}

export function registerAuditHandler(
  requests: ProbeRequests,
  connection: Connection,
  options: AuditHandlerOptions,
): void {
  connection.onRequest(AuditRequest, auditHandler(requests, options));
}
