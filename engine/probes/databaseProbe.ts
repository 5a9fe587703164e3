// Database: `make -p` parsed as a stream, and resolved values of chosen variables from make itself.
import { makeArgs, summarize, withMake, type PlacementSummary } from './makeRun';
import { DatabaseParser, type MakeDatabase } from './parsers/databaseParser';
import { ProbeError, type ProbeOptions } from './probeOptions';
import { withoutProbeMarks } from './probeMarks';

export interface DatabaseResult {
  database: MakeDatabase;
  placement: PlacementSummary;
  exitCode: number;
}

// A goal with no recipe and no prerequisites: make reads everything, prints its database and runs no
// recipe (not even `+` or $(MAKE) lines). Given real targets, make -pq checks them instead.
export const DATABASE_GOAL = '.makescope-database';

export interface DatabaseOptions extends ProbeOptions {
  /**
   * Check the default goal (`make -p -q -k`, no targets): make considers every file the goal needs,
   * so the database also lists the instances of pattern rules with their stems and automatic variables.
   */
  checkDefaultGoal?: boolean;
}

export async function databaseProbe(options: DatabaseOptions): Promise<DatabaseResult> {
  const withTargets = (options.targets ?? []).length > 0 || options.checkDefaultGoal === true;
  return withMake(
    options,
    { runsGoals: withTargets, expandsRecipes: false, builds: false },
    async (context) => {
      // Sub-makes print their databases first; the top-level one comes last and is the one kept.
      const parser = new DatabaseParser({ keep: 'last' });
      const args = withTargets
        ? makeArgs(options, options.checkDefaultGoal ? ['-p', '-q', '-k'] : ['-p', '-q'])
        : makeArgs(options, ['-p', '-q', `--eval=${DATABASE_GOAL}:`], [DATABASE_GOAL]);
      const result = await context.run(args, (chunk) => parser.push(chunk));
      const database = parser.finish();
      if (database.databases === 0) {
        throw new ProbeError(
          `make -p printed no database (exit ${result.exitCode}): ${result.stderr.trim()}`,
          'make-failed',
        );
      }
      // The probe's -p, -q and --eval are not the user's: MAKEFLAGS and MFLAGS read as in their build.
      const marks = { letters: options.checkDefaultGoal ? 'kpq' : 'pq', eval: !withTargets };
      for (const variable of database.variables)
        variable.value = withoutProbeMarks(variable.name, variable.value, marks);
      return { database, placement: summarize(context), exitCode: result.exitCode ?? 2 };
    },
  );
}
