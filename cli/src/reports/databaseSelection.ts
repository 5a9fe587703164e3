// What `makescope vars` shows of make's database, in its report and in --json alike: --all adds the variables
// make and the environment define, --rules the rules, pattern rules and vpath.
import type { DatabaseResult } from '../../../engine/probes/databaseProbe';
import type { DbVariable, MakeDatabase } from '../../../engine/probes/parsers/databaseModel';

const HIDDEN_ORIGINS = new Set(['default', 'environment', 'automatic']);

/** The variables shown: the makefiles' and the command line's, or every one with --all (make's `-*-` entries never). */
export function shownVariables(database: MakeDatabase, all: boolean): DbVariable[] {
  return database.variables.filter(
    (variable) => (all || !HIDDEN_ORIGINS.has(variable.origin)) && !variable.name.startsWith('-*-'),
  );
}

/**
 * The result --json prints: the variables shown, and the files that carry target-specific variables; with
 * --rules every file, pattern rule and vpath of the database as well. Without the flags a project's database
 * is mostly its files (1,077 of them for the bench's 1,000 targets: 324 KB of JSON for a few variables).
 */
export function selectedDatabase(
  result: DatabaseResult,
  options: { all: boolean; rules: boolean },
): DatabaseResult {
  const database = result.database;
  const { rules } = options;
  return {
    ...result,
    database: {
      ...database,
      variables: shownVariables(database, options.all),
      files: rules ? database.files : database.files.filter((file) => file.targetVariables.length > 0),
      patternRules: rules ? database.patternRules : [],
      vpaths: rules ? database.vpaths : [],
      generalVpath: rules ? database.generalVpath : [],
    },
  };
}
