// Binds makescope/parallelDiff to the engine: settings in, LSP cancel token -> AbortSignal, work done progress.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver/node';
import { uriToPath } from '../analysis/uris';
import { ParallelDiffRequest, type ParallelDiffParams } from '../parallelProtocol';
import { startProgress } from '../probeProgress';
import { ProbeError } from '../probes/probeOptions';
import type { ProbeErrorData } from '../protocol';
import type { Settings } from '../settings';
import { parallelDiffProbe, type ShuffleMode } from './parallelDiffProbe';
import type { ParallelDiffResult } from './parallelTypes';

export interface ParallelDiffHandlerOptions {
  settings(): Settings;
  workspaceFolders(): string[];
  /** The comparison builds (in copies) and runs the Makefile's code: refused when untrusted. */
  isTrusted?(): boolean;
  /** Called with each finished comparison, e.g. to publish its findings as diagnostics. */
  onResult?(result: ParallelDiffResult): void;
}

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

function shuffleMode(shuffle: ParallelDiffParams['shuffle']): ShuffleMode | undefined {
  if (shuffle === undefined) return undefined;
  return typeof shuffle === 'number' ? { seed: shuffle } : shuffle;
}

function toResponseError(error: unknown): ResponseError<ProbeErrorData> {
  if (error instanceof ProbeError) {
    const code = error.kind === 'cancelled' ? LSPErrorCodes.RequestCancelled : LSPErrorCodes.RequestFailed;
    return new ResponseError(code, error.message, { kind: error.kind });
  }
  return new ResponseError(
    LSPErrorCodes.RequestFailed,
    error instanceof Error ? error.message : String(error),
    {
      kind: 'make-failed',
    },
  );
}

export async function handleParallelDiff(
  connection: Connection,
  options: ParallelDiffHandlerOptions,
  params: ParallelDiffParams,
  token: CancellationToken,
): Promise<ParallelDiffResult> {
  if (options.isTrusted && !options.isTrusted())
    throw new ResponseError<ProbeErrorData>(
      LSPErrorCodes.RequestFailed,
      'the parallel diff runs make and needs a trusted workspace',
      { kind: 'untrusted' },
    );
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  const progress = await startProgress(
    connection,
    params.workDoneToken,
    'Makescope: serial against parallel',
  );
  try {
    const settings = options.settings();
    const place = await locate(params.uri, options.workspaceFolders());
    const result = await parallelDiffProbe({
      ...place,
      make: settings.makePath,
      jobs: params.jobs ?? Math.max(2, settings.jobs),
      runs: params.runs,
      shuffle: shuffleMode(params.shuffle),
      trace: params.trace,
      maxSandboxBytes: params.maxSandboxMB === undefined ? undefined : params.maxSandboxMB * 1048576,
      targets: params.targets ?? [],
      timeoutMs: settings.probeTimeoutSeconds * 1000,
      environment: settings.environment,
      extraArgs: settings.extraArgs,
      signal: controller.signal,
      onProgress: (message) => progress.report(message),
    });
    options.onResult?.(result);
    return result;
  } catch (error) {
    throw toResponseError(controller.signal.aborted ? new ProbeError('cancelled', 'cancelled') : error);
  } finally {
    subscription.dispose();
    progress.done();
  }
}

export function registerParallelDiffHandler(
  connection: Connection,
  options: ParallelDiffHandlerOptions,
): void {
  connection.onRequest(ParallelDiffRequest, (params, token) =>
    handleParallelDiff(connection, options, params, token),
  );
}
