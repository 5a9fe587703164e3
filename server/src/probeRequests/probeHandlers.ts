// Binds the probe requests of protocol.ts to the probe engine (progress, cancellation and queueing in probeRequest.ts).
import type { Connection } from 'vscode-languageserver/node';
import { collectEvidenceToFolder } from '../../../engine/evidence/evidenceFolder';
import { generateRunbook } from '../../../engine/evidence/runbook';
import type { ProbeRequests } from './probeRequest';
import { convergenceProbe } from '../../../engine/probes/convergenceProbe';
import { databaseProbe } from '../../../engine/probes/databaseProbe';
import { dryRunProbe } from '../../../engine/probes/dryRunProbe';
import { resolveProbe } from '../../../engine/probes/resolveProbe';
import { timingProbe } from '../../../engine/probes/timingProbe';
import { traceLogProbe, traceProbe } from '../../../engine/probes/traceProbe';
import {
  CollectEvidenceRequest,
  ConvergenceRequest,
  DatabaseRequest,
  DryRunRequest,
  GenerateRunbookRequest,
  ResolveVariableRequest,
  TimingRequest,
  TraceRequest,
} from '../../../contract/protocol';

export type { ProbeHandlerOptions } from './probeRequest';

export function registerProbeHandlers(requests: ProbeRequests, connection: Connection): void {
  const handle = requests.handler.bind(requests);
  connection.onRequest(
    ConvergenceRequest,
    handle('convergence', (probe, params) => convergenceProbe({ ...probe, buildFirst: params.buildFirst })),
  );
  connection.onRequest(
    TraceRequest,
    handle('trace', (probe, params) =>
      params.logFile ? traceLogProbe(params.logFile, probe.directory) : traceProbe(probe),
    ),
  );
  connection.onRequest(
    DatabaseRequest,
    handle('database', (probe) => databaseProbe(probe)),
  );
  connection.onRequest(
    ResolveVariableRequest,
    handle('resolve variables', (probe, params) =>
      resolveProbe({ ...probe, targets: [], variables: params.variables, target: params.target }),
    ),
  );
  connection.onRequest(
    DryRunRequest,
    handle('dry run', (probe) => dryRunProbe(probe)),
  );
  connection.onRequest(
    CollectEvidenceRequest,
    handle('evidence', async (probe, params) => {
      const folder = await collectEvidenceToFolder({
        ...probe,
        symptom: params.symptom,
        runs: params.runs,
        skipBuilds: params.skipBuilds,
        timeline: params.timeline,
        audit: params.audit,
      });
      return {
        report: folder.report,
        outputDirectory: folder.outputDirectory,
        markdownPath: folder.markdownPath,
      };
    }),
  );
  connection.onRequest(
    GenerateRunbookRequest,
    handle('runbook', async (probe) => ({ markdown: await generateRunbook(probe) })),
  );
  connection.onRequest(
    TimingRequest,
    handle('timing', (probe, params) => timingProbe({ ...probe, build: params.build })),
  );
}
