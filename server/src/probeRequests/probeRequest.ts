// Runs one probe request: trust check, settings -> ProbeOptions, cancel token -> AbortSignal, work done
// progress, one probe at a time per folder, and the make runs recorded in the answer.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver/node';
import { uriToPath } from '../../../engine/analysis/uris';
import { quoteForDisplay } from '../../../engine/evidence/runRecorder';
import { startProgress } from './probeProgress';
import { ProbeQueue } from './probeQueue';
import { commandLineVariableArgs, ProbeError, type ProbeOptions } from '../../../engine/probes/probeOptions';
import type { ProbeErrorData, ProbeParams, ProbeRun, WithRuns } from '../../../contract/protocol';
import type { Settings } from '../../../contract/settings';

export interface ProbeHandlerOptions {
  /** The settings for `uri`'s folder (make path, jobs, sandbox policy, timeout, environment, extra args), once a pending change is applied. */
  settings(uri?: string): Settings | Promise<Settings>;
  workspaceFolders(): string[];
  /** Probes run make; they are refused in untrusted workspaces. Trusted when not given. */
  isTrusted?(): boolean;
}

export type ProbeHandler<P, R> = (params: P, token: CancellationToken) => Promise<WithRuns<R>>;

export class ProbeRequests {
  /** Shared by every request, so two probes never run make in one folder at once. */
  private readonly queue = new ProbeQueue();

  constructor(
    private readonly connection: Connection,
    private readonly options: ProbeHandlerOptions,
  ) {}

  handler<P extends ProbeParams, R extends object>(
    title: string,
    run: (probe: ProbeOptions, params: P, settings: Settings) => Promise<R>,
  ): ProbeHandler<P, R> {
    return async (params, token) => {
      if (this.options.isTrusted && !this.options.isTrusted()) {
        throw new ResponseError<ProbeErrorData>(
          LSPErrorCodes.RequestFailed,
          'probes run make and need a trusted workspace',
          { kind: 'untrusted' },
        );
      }
      const controller = new AbortController();
      const runs: ProbeRun[] = [];
      const subscription = token.onCancellationRequested(() => controller.abort());
      if (token.isCancellationRequested) controller.abort();
      const progress = await startProgress(this.connection, params.workDoneToken, `Makescope: ${title}`);
      try {
        const settings = await this.options.settings(params.uri);
        // Refused before any run, whatever the probe (the evidence ladder would otherwise fail each rung).
        commandLineVariableArgs(params.commandLineVariables);
        const place = await locate(params.uri, this.options.workspaceFolders());
        const probe: ProbeOptions = {
          ...place,
          make: settings.makePath,
          jobs: params.jobs,
          targets: params.targets ?? [],
          commandLineVariables: params.commandLineVariables,
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
              where: record.where,
              exitCode: record.result.exitCode,
              durationMs: Math.round(record.result.durationMs),
            }),
        };
        const key = folderKey(place.directory, this.options.workspaceFolders());
        if (this.queue.busy(key)) progress.report('waiting for the probe already running on this folder');
        const result = await this.queue.run(key, controller.signal, () => run(probe, params, settings));
        return { ...result, makeRuns: runs };
      } catch (error) {
        // jsonrpc turns a thrown ResponseError into the error response.
        throw toResponseError(controller.signal.aborted ? new ProbeError('cancelled', 'cancelled') : error);
      } finally {
        subscription.dispose();
        progress.done();
      }
    };
  }
}

/** A makefile (make runs in its folder with -f) or a folder; by default the first workspace folder. */
async function locate(
  uri: string | undefined,
  folders: string[],
): Promise<{ directory: string; makefile?: string }> {
  const target = uri ? uriToPath(uri) : folders[0];
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
