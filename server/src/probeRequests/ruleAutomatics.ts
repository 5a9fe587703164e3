// The automatic variables of the rule at hand, from make's database: one `make -p -q -k` per project, cached until a makefile changes.
import * as path from 'node:path';
import { databaseProbe } from '../../../engine/probes/databaseProbe';
import type { MakeDatabase } from '../../../engine/probes/parsers/databaseModel';
import { ruleInstances, type RuleInstance } from '../../../engine/probes/automaticVariables';
import type { Settings } from '../../../contract/settings';
import { HOVER_BUDGET_MS, withBudget } from './resolvedValues';

const PROBE_TIMEOUT_MS = 30_000;

export class RuleAutomatics {
  private databases = new Map<string, Promise<MakeDatabase | undefined>>();
  private generation = '';

  /** The instances of the rule whose recipe starts at `recipe`; undefined when make did not answer in time. */
  async instances(
    /** Changes when anything make's database depends on changed (the project's files, the settings). */
    generation: string,
    makefile: string,
    recipe: { file: string; line: number },
    settings: Settings,
  ): Promise<RuleInstance[] | undefined> {
    const answered = await withBudget(this.database(generation, makefile, settings), HOVER_BUDGET_MS);
    return answered && ruleInstances(answered, recipe, path.dirname(makefile));
  }

  /** make's database of the project, checked from the default goal (one run, started by the first caller). */
  database(generation: string, makefile: string, settings: Settings): Promise<MakeDatabase | undefined> {
    if (generation !== this.generation) {
      this.databases.clear();
      this.generation = generation;
    }
    let database = this.databases.get(makefile);
    if (!database) {
      database = databaseProbe({
        directory: path.dirname(makefile),
        makefile: path.basename(makefile),
        make: settings.makePath,
        sandbox: settings.sandbox,
        environment: settings.environment,
        extraArgs: settings.extraArgs,
        timeoutMs: PROBE_TIMEOUT_MS,
        checkDefaultGoal: true,
      }).then(
        (result) => result.database,
        () => undefined,
      );
      this.databases.set(makefile, database);
    }
    return database;
  }
}
