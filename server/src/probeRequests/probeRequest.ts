// Runs one probe request: trust check, cancel token -> AbortSignal, work done progress and the error
// answer, around the one door for make (probeRuns.ts: settings -> ProbeOptions, queue, run record).
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver/node';
import { startProgress } from './probeProgress';
import { ProbeRuns, type ProbeRunOptions, type ProbeWork } from './probeRuns';
import { ProbeError } from '../../../engine/probes/probeOptions';
import type { ProbeErrorData, ProbeParams, WithRuns } from '../../../contract/protocol';

export interface ProbeHandlerOptions extends ProbeRunOptions {
  /** Probes run make; they are refused in untrusted workspaces. Trusted when not given. */
  isTrusted?(): boolean;
}

export type ProbeHandler<P, R> = (params: P, token: CancellationToken) => Promise<WithRuns<R>>;

export class ProbeRequests {
  /** The one door for make: the hover's resolved values use it too. */
  readonly runs: ProbeRuns;

  constructor(
    private readonly connection: Connection,
    private readonly options: ProbeHandlerOptions,
  ) {
    this.runs = new ProbeRuns(options);
  }

  handler<P extends ProbeParams, R extends object>(title: string, run: ProbeWork<P, R>): ProbeHandler<P, R> {
    return async (params, token) => {
      if (this.options.isTrusted && !this.options.isTrusted()) {
        throw new ResponseError<ProbeErrorData>(
          LSPErrorCodes.RequestFailed,
          'probes run make and need a trusted workspace',
          { kind: 'untrusted' },
        );
      }
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      if (token.isCancellationRequested) controller.abort();
      const progress = await startProgress(this.connection, params.workDoneToken, `Makescope: ${title}`);
      try {
        return await this.runs.run(params, controller.signal, (message) => progress.report(message), run);
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

function toResponseError(error: unknown): ResponseError<ProbeErrorData> {
  if (error instanceof ProbeError) {
    const code = error.kind === 'cancelled' ? LSPErrorCodes.RequestCancelled : LSPErrorCodes.RequestFailed;
    return new ResponseError(code, error.message, { kind: error.kind });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(LSPErrorCodes.RequestFailed, message, { kind: 'make-failed' });
}
