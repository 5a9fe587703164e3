// Binds makescope/parallelDiff to the engine through the shared probe request runner (queue, progress, cancel).
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { ParallelDiffRequest, type ParallelDiffParams } from '../../../contract/parallelDiff';
import { ProbeRequests, type ProbeHandlerOptions } from './probeRequest';
import { parallelDiffProbe, type ShuffleMode } from '../../../engine/parallel/parallelDiffProbe';
import type { ParallelDiffResult } from '../../../engine/parallel/parallelTypes';

export interface ParallelDiffHandlerOptions extends ProbeHandlerOptions {
  /** Called with each finished comparison, e.g. to publish its findings as diagnostics. */
  onResult?(result: ParallelDiffResult): void;
}

function shuffleMode(shuffle: ParallelDiffParams['shuffle']): ShuffleMode | undefined {
  if (shuffle === undefined) return undefined;
  return typeof shuffle === 'number' ? { seed: shuffle } : shuffle;
}

function parallelDiffHandler(requests: ProbeRequests, options: ParallelDiffHandlerOptions) {
  return requests.handler('serial against parallel', async (probe, params: ParallelDiffParams, settings) => {
    const result = await parallelDiffProbe({
      ...probe,
      jobs: params.jobs ?? Math.max(2, settings.jobs),
      runs: params.runs,
      shuffle: shuffleMode(params.shuffle),
      trace: params.trace,
      maxSandboxBytes: params.maxSandboxMB === undefined ? undefined : params.maxSandboxMB * 1048576,
    });
    options.onResult?.(result);
    return result;
  });
}

/** One comparison outside a server (tests, tools): its own queue. */
export function handleParallelDiff(
  connection: Connection,
  options: ParallelDiffHandlerOptions,
  params: ParallelDiffParams,
  token: CancellationToken,
) {
  return parallelDiffHandler(new ProbeRequests(connection, options), options)(params, token);
}

export function registerParallelDiffHandler(
  requests: ProbeRequests,
  connection: Connection,
  options: ParallelDiffHandlerOptions,
): void {
  connection.onRequest(ParallelDiffRequest, parallelDiffHandler(requests, options));
}
