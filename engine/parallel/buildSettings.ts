// Prepares isolated builds of a project (placement, make, base arguments): shared by the parallel diff and the audit.
import * as path from 'node:path';
import { atLeast, detectMake, type MakeCapabilities } from '../probes/capabilities';
import {
  checkTargets,
  commandLineVariableArgs,
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  ProbeError,
  type ProbeOptions,
} from '../probes/probeOptions';
import { placeProbe } from '../probes/placement';
import { assessSafety, findMakefile } from '../probes/safety';
import { withScratch } from '../probes/scratchFolders';
import type { BuildSettings } from './buildRun';
import { writeMergeWrapper } from './mergedOutput';
import { snapshotBytes, snapshotTree } from './treeSnapshot';

export const DEFAULT_MAX_SANDBOX_BYTES = 2 * 1024 * 1024 * 1024;

export interface PreparedBuilds {
  settings: BuildSettings;
  make: MakeCapabilities;
  /** Bytes each build copies (0 when isolated at the project's own paths). */
  sandboxBytes: number;
}

/**
 * Checks the options, finds make, places the builds (isolated, or copies where isolation is not
 * available) and calls `use` with the settings every build of the probe shares; the scratch
 * folder is removed after.
 */
export async function withPreparedBuilds<T>(
  options: ProbeOptions & { maxSandboxBytes?: number },
  scratchName: string,
  use: (prepared: PreparedBuilds) => Promise<T>,
): Promise<T> {
  const targets = options.targets ?? [];
  checkTargets(targets);
  commandLineVariableArgs(options.commandLineVariables);
  const directory = path.resolve(options.directory);
  if ((await findMakefile(directory, options.makefile)) === undefined)
    throw new ProbeError(`no makefile in ${directory}`, 'usage');
  const detected = await detectMake(options.make ?? 'make', options.signal);
  if (!detected.ok) throw new ProbeError(detected.message, 'make-missing');
  const make = detected.make;
  const placement = await placeProbe(
    directory,
    await assessSafety(directory, options.makefile),
    options.sandbox ?? 'auto',
    [],
    true,
    options.isolation,
  );
  if (placement.where !== 'isolated' && placement.where !== 'copy')
    throw new ProbeError(placement.reasons.join('\n  '), 'refused');
  // Only builds in copies need the project's hashes (what a copy's build changed); an isolated
  // build's writes are its upper layer.
  const initial = placement.where === 'copy' ? await snapshotTree(directory) : undefined;
  const sandboxBytes = initial ? snapshotBytes(initial) : 0;
  const limit = options.maxSandboxBytes ?? DEFAULT_MAX_SANDBOX_BYTES;
  if (sandboxBytes > limit)
    throw new ProbeError(
      `the project is ${(sandboxBytes / 1048576).toFixed(1)} MB and every build needs a copy here; the limit is ${(limit / 1048576).toFixed(1)} MB (raise it, or run on a subdirectory)`,
      'refused',
    );
  return withScratch(scratchName, async (scratch) => {
    const settings: BuildSettings = {
      directory,
      // Builds in copies run elsewhere: a make given by a relative path is resolved here, once.
      make: make.path.includes('/') ? path.resolve(make.path) : make.path,
      placement,
      wrapper: await writeMergeWrapper(scratch),
      scratch,
      baseArgs: [
        ...(options.makefile !== undefined ? ['-f', options.makefile] : []),
        ...(options.extraArgs ?? []),
        ...commandLineVariableArgs(options.commandLineVariables),
      ],
      targets,
      outputSync: atLeast(make.version, 4, 0),
      initial,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      environment: options.environment,
      makeFlags: options.makeFlags,
      signal: options.signal,
      onSpawn: options.onSpawn,
    };
    return use({ settings, make, sandboxBytes });
  });
}
