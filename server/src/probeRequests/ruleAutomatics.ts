// The automatic variables of the rule at hand, from make's database: one `make -p -q -k` per project through
// the server's one door for make (probeRuns.ts), cached until a makefile changes; a stale run is stopped.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseProbe } from '../../../engine/probes/databaseProbe';
import type { MakeDatabase } from '../../../engine/probes/parsers/databaseModel';
import { ruleInstances, type RuleInstance } from '../../../engine/probes/automaticVariables';
import type { ProbeRun } from '../../../contract/protocol';
import type { ProbeRuns } from './probeRuns';
import { HOVER_BUDGET_MS, withBudget } from './hoverValues';

export class RuleAutomatics {
  private databases = new Map<string, Promise<MakeDatabase | undefined>>();
  private generation = '';
  /** Stops the runs of the current generation when the project's files or settings change. */
  private stale = new AbortController();

  constructor(
    private readonly runs: ProbeRuns,
    /** Told of the make runs of each database, like a probe's answer lists its runs. */
    private readonly record: (runs: ProbeRun[]) => void = () => undefined,
  ) {}

  /** The instances of the rule whose recipe starts at `recipe`; undefined when make did not answer in time. */
  async instances(
    /** Changes when anything make's database depends on changed (the project's files, the settings). */
    generation: string,
    makefile: string,
    recipe: { file: string; line: number },
    signal: AbortSignal,
  ): Promise<RuleInstance[] | undefined> {
    const answered = await withBudget(this.database(generation, makefile), HOVER_BUDGET_MS, signal);
    return answered && ruleInstances(answered, recipe, path.dirname(makefile));
  }

  /** make's database of the project, checked from the default goal (one run, started by the first caller). */
  database(generation: string, makefile: string): Promise<MakeDatabase | undefined> {
    if (generation !== this.generation) {
      this.stale.abort();
      this.stale = new AbortController();
      this.databases.clear();
      this.generation = generation;
    }
    let database = this.databases.get(makefile);
    if (!database) {
      database = this.runs
        .run(
          { uri: pathToFileURL(makefile).toString() },
          this.stale.signal,
          () => undefined,
          (probe) => databaseProbe({ ...probe, targets: [], checkDefaultGoal: true }),
        )
        .then(
          (result) => {
            this.record(result.makeRuns ?? []);
            return result.database;
          },
          () => undefined,
        );
      this.databases.set(makefile, database);
    }
    return database;
  }
}
