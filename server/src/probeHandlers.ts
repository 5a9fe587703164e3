// Binds the probe requests of protocol.ts to the probe engine, with work done progress and cancellation.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver/node';
import { startProgress } from './probeProgress';
import { ProbeQueue } from './probeQueue';
import { convergenceProbe } from './probes/convergenceProbe';
import { databaseProbe } from './probes/databaseProbe';
import { dryRunProbe } from './probes/dryRunProbe';
import { ProbeError, type ProbeOptions } from './probes/probeOptions';
import { resolveProbe } from './probes/resolveProbe';
import { timingProbe } from './probes/timingProbe';
import { traceLogProbe, traceProbe } from './probes/traceProbe';
import { collectEvidenceToFolder } from './evidence/evidenceFolder';
import { quoteForDisplay } from './evidence/runRecorder';
import { generateRunbook } from './evidence/runbook';
import {
  CollectEvidenceRequest,
  ConvergenceRequest,
  GenerateRunbookRequest,
  DatabaseRequest,
  DryRunRequest,
  ResolveVariableRequest,
  TimingRequest,
  TraceRequest,
  type ProbeErrorData,
  type ProbeParams,
  type ProbeRun,
  type WithRuns,
} from './protocol';
import type { Settings } from './settings';

export interface ProbeHandlerOptions {
  /** Current settings (make path, jobs, sandbox policy, timeout, environment, extra args). */
  settings(): Settings;
  workspaceFolders(): string[];
  /** Probes run make; they are refused in untrusted workspaces. Trusted when not given. */
  isTrusted?(): boolean;
}

async function locate(
  uri: string | undefined,
  folders: string[],
): Promise<{ directory: string; makefile?: string }> {
  const target = uri ? fileURLToPath(uri) : folders[0];
  if (target === undefined) throw new ProbeError('no folder is open and no makefile was given', 'usage');
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new ProbeError(`${target} does not exist`, 'usage');
  return info.isDirectory()
    ? { directory: target }
    : { directory: path.dirname(target), makefile: path.basename(target) };
}

function toResponseError(error: unknown): ResponseError<ProbeErrorData> {
  if (error instanceof ProbeError) {
    const code = error.kind === 'cancelled' ? LSPErrorCodes.RequestCancelled : LSPErrorCodes.RequestFailed;
    return new ResponseError(code, error.message, { kind: error.kind });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(LSPErrorCodes.RequestFailed, message, { kind: 'make-failed' });
}

/** The workspace folder holding `directory` (probes in one folder share its files), else the directory. */
function folderKey(directory: string, folders: string[]): string {
  const inside = folders.filter(
    (f) => directory === f || directory.startsWith(f.endsWith(path.sep) ? f : f + path.sep),
  );
  return inside.sort((a, b) => b.length - a.length)[0] ?? directory;
}

export function registerProbeHandlers(connection: Connection, options: ProbeHandlerOptions): void {
  const queue = new ProbeQueue();
  /** Runs one probe: settings -> ProbeOptions, LSP cancel token -> AbortSignal, progress -> work done. */
  const handle =
    <P extends ProbeParams, R>(title: string, run: (probe: ProbeOptions, params: P) => Promise<R>) =>
    async (params: P, token: CancellationToken): Promise<WithRuns<R>> => {
      if (options.isTrusted && !options.isTrusted()) {
        throw new ResponseError(LSPErrorCodes.RequestFailed, 'probes run make and need a trusted workspace', {
          kind: 'untrusted',
        });
      }
      const controller = new AbortController();
      const runs: ProbeRun[] = [];
      const subscription = token.onCancellationRequested(() => controller.abort());
      if (token.isCancellationRequested) controller.abort();
      const progress = await startProgress(connection, params.workDoneToken, `Makescope: ${title}`);
      try {
        const settings = options.settings();
        const place = await locate(params.uri, options.workspaceFolders());
        const probe: ProbeOptions = {
          ...place,
          make: settings.makePath,
          jobs: params.jobs,
          targets: params.targets ?? [],
          sandbox: params.sandbox ?? settings.sandbox,
          timeoutMs: settings.probeTimeoutSeconds * 1000,
          environment: settings.environment,
          extraArgs: settings.extraArgs,
          signal: controller.signal,
          onProgress: (message) => progress.report(message),
          onRun: (record) =>
            runs.push({
              command: [record.make, ...record.args].map(quoteForDisplay).join(' '),
              make: record.make,
              args: record.args,
              cwd: record.directory,
              sandboxed: record.sandboxed,
              exitCode: record.result.exitCode,
              durationMs: Math.round(record.result.durationMs),
            }),
        };
        const key = folderKey(place.directory, options.workspaceFolders());
        if (queue.busy(key)) progress.report('waiting for the probe already running on this folder');
        const result = await queue.run(key, controller.signal, () => run(probe, params));
        return { ...result, runs };
      } catch (error) {
        // jsonrpc turns a thrown ResponseError into the error response.
        throw toResponseError(controller.signal.aborted ? new ProbeError('cancelled', 'cancelled') : error);
      } finally {
        subscription.dispose();
        progress.done();
      }
    };

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
