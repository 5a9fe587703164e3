// Dry run: the work `make -n` would do, grouped by target (via --trace), following sub-makes.
import { traceTargets } from './traceProbe';
import type { ProbeOptions } from './probeOptions';
import type { PlacementSummary } from './makeRun';

export interface DryRunGroup {
  target: string;
  directory: string;
  file?: string;
  line?: number;
  makeLevel: number;
  phony: boolean;
  reason: string;
  commands: string[];
  subMakes: string[];
}

export interface DryRunResult {
  groups: DryRunGroup[];
  commandCount: number;
  errors: string[];
  /** make -n's exit code; not 0: make failed and the groups are the work before it stopped. */
  exitCode?: number;
  placement?: PlacementSummary;
}

export async function dryRunProbe(options: ProbeOptions): Promise<DryRunResult> {
  const trace = await traceTargets(options);
  const groups = trace.targets.map((target) => ({
    target: target.name,
    directory: target.directory,
    file: target.file,
    line: target.line,
    makeLevel: target.makeLevel,
    phony: target.phony,
    reason: target.reason.text,
    commands: target.recipe,
    subMakes: target.subMakes,
  }));
  return {
    groups,
    commandCount: groups.reduce((sum, group) => sum + group.commands.length, 0),
    errors: trace.errors,
    exitCode: trace.exitCode,
    placement: trace.placement,
  };
}
