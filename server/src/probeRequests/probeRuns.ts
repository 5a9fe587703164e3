// The one door for make in the server: the folder's settings -> ProbeOptions, one probe at a time per
// folder, and every make run recorded. Probe requests and the hover's resolved values both come through it.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { uriToPath } from '../../../engine/analysis/uris';
import { quoteForDisplay } from '../../../engine/evidence/runRecorder';
import { ProbeQueue } from './probeQueue';
import { commandLineVariableArgs, ProbeError, type ProbeOptions } from '../../../engine/probes/probeOptions';
import type { ProbeParams, ProbeRun, WithRuns } from '../../../contract/protocol';
import type { Settings } from '../../../contract/settings';

export interface ProbeRunOptions {
  /** The settings for `uri`'s folder (make path, jobs, sandbox policy, timeout, environment, extra args), once a pending change is applied. */
  settings(uri?: string): Settings | Promise<Settings>;
  workspaceFolders(): string[];
}

export type ProbeWork<P, R> = (probe: ProbeOptions, params: P, settings: Settings) => Promise<R>;

export class ProbeRuns {
  /** Shared by every caller, so two probes never run make in one folder at once. */
  private readonly queue = new ProbeQueue();

  constructor(private readonly options: ProbeRunOptions) {}

  /** Runs `work` with the probe options of `params.uri`'s folder; the answer carries the make runs it made. */
  async run<P extends ProbeParams, R extends object>(
    params: P,
    signal: AbortSignal,
    onProgress: (message: string) => void,
    work: ProbeWork<P, R>,
  ): Promise<WithRuns<R>> {
    const runs: ProbeRun[] = [];
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
      signal,
      onProgress,
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
    if (this.queue.busy(key)) onProgress('waiting for the probe already running on this folder');
    const result = await this.queue.run(key, signal, () => work(probe, params, settings));
    return { ...result, makeRuns: runs };
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

/** The workspace folder holding `directory` (probes in one folder share its files), else the directory. */
function folderKey(directory: string, folders: string[]): string {
  const inside = folders.filter(
    (f) => directory === f || directory.startsWith(f.endsWith(path.sep) ? f : f + path.sep),
  );
  return inside.sort((a, b) => b.length - a.length)[0] ?? directory;
}
