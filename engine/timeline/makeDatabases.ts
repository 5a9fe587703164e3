// Splits the output of a recursive `make -p` build into one database per make (each prints its own), keyed by level and directory.
import * as path from 'node:path';
import type { DbFile, DbPatternVariable, DbVariable } from '../probes/parsers/databaseModel';
import { DatabaseParser } from '../probes/parsers/databaseParser';
import { declaredGraph, type DeclaredGraph } from '../parallel/missingPrerequisites';
import { patternMatches } from '../probes/makePattern';

export interface MakeGraph {
  graph: DeclaredGraph;
  /** Target -> where make says its recipe is (absolute, in the place the build ran). */
  recipes: Map<string, { file: string; line: number }>;
  /** The makefiles that make read, in order (its MAKEFILE_LIST), as it names them. */
  makefiles: string[];
  /** The makefile's SHELL (the global value, plain references put in; undefined when not known). */
  shell?: string;
  /** The makefile names .ONESHELL: make then runs SHELL as one program path, arguments and all. */
  oneShell?: boolean;
  /** Targets with a recipe whose SHELL is their own (target- or pattern-specific, not an append); read only for a
   * build recorded through the recipes' shell. */
  ownShells?: OwnShell[];
}

/**
 * A target whose own SHELL (`b: SHELL := /bin/bash`, `%.x: SHELL = bash`) takes the place of the recipe
 * recorder's pattern-specific `SHELL +=`, so its recipe runs without the recorder.
 */
export interface OwnShell {
  target: string;
  /** Where the makefile sets that SHELL, as make names it. */
  file?: string;
  line?: number;
}

export function makeKey(level: number, directory: string): string {
  return `${level}|${directory}`;
}

/**
 * A recursive variable's value with plain references (`$(NAME)`, `${NAME}`) to the database's other variables
 * put in (git: `SHELL = $(SHELL_PATH)`); undefined when a function or anything else is left to expand.
 */
function expanded(
  text: string | undefined,
  value: (name: string) => string | undefined,
  depth = 0,
): string | undefined {
  if (text === undefined || !text.includes('$')) return text;
  if (depth > 8) return undefined;
  let unknown = false;
  const once = text.replace(/\$(?:\(([A-Za-z0-9_.-]+)\)|\{([A-Za-z0-9_.-]+)\})/g, (_, round, curly) => {
    const found = value((round ?? curly) as string);
    if (found === undefined) unknown = true;
    return found ?? '';
  });
  return unknown ? undefined : expanded(once, value, depth + 1);
}

/**
 * make prints a pattern-specific append with `:=` and its own text only: the recorder's `%: SHELL += script`
 * is known by its script's path.
 */
function ownShells(patternVariables: DbPatternVariable[], files: DbFile[], recorder: string): OwnShell[] {
  const own = (variable: DbVariable): boolean =>
    variable.name === 'SHELL' && variable.flavor !== 'append' && !variable.value.includes(recorder);
  const patterns = patternVariables.filter(({ variable }) => own(variable));
  const found: OwnShell[] = [];
  for (const file of files) {
    if (!file.recipe || file.recipe.lines.length === 0) continue;
    const shell =
      file.targetVariables.find(own) ??
      patterns.find(({ pattern }) => patternMatches(pattern, file.name))?.variable;
    if (shell)
      found.push({
        target: file.name,
        file: shell.file,
        line: shell.line,
      });
  }
  return found;
}

function graphOf(text: string, recorder?: string): { key: string; graph: MakeGraph } | undefined {
  const parser = new DatabaseParser({ keep: 'last' });
  parser.push(text);
  const database = parser.finish();
  const value = (name: string) => database.variables.find((variable) => variable.name === name)?.value;
  const directory = value('CURDIR');
  const level = Number(value('MAKELEVEL') ?? '0');
  if (directory === undefined || !Number.isInteger(level)) return undefined;
  const files = database.files.filter((file) => !file.builtin && !file.name.startsWith('.'));
  const recipes = new Map<string, { file: string; line: number }>();
  for (const file of files)
    if (file.recipe?.file !== undefined && file.recipe.line !== undefined && !recipes.has(file.name))
      recipes.set(file.name, { file: path.resolve(directory, file.recipe.file), line: file.recipe.line });
  const makefiles = (value('MAKEFILE_LIST') ?? '').split(/\s+/).filter((name) => name !== '');
  return {
    key: makeKey(level, directory),
    graph: {
      graph: declaredGraph(files),
      recipes,
      makefiles,
      shell: expanded(value('SHELL'), value),
      oneShell: database.files.some((file) => file.name === '.ONESHELL'),
      // Only a build recorded through the recipes' shell asks (recorderReach.ts).
      ownShells: recorder === undefined ? undefined : ownShells(database.patternVariables, files, recorder),
    },
  };
}

/**
 * make's version banner, which -p prints before each database (`# GNU Make 4.3` and five more lines, then a blank):
 * other recipes' output can fall between it and its database, so it is taken out wherever it is.
 */
const BANNER =
  /^# GNU Make [^\n]*\n# Built for [^\n]*\n# Copyright [^\n]*\n# License [^\n]*\n# This is free software[^\n]*\n# There is NO WARRANTY[^\n]*\n\n?/gm;

/**
 * Every make of a recursive build prints its database when it finishes (-p travels in MAKEFLAGS);
 * the databases never nest, though other recipes' lines may fall between their lines. `log` is the
 * output without them and the version banner make prints before each. `recorder`: the recipe recorder's script,
 * whose own SHELL value is not the makefile's.
 */
export function makeDatabases(
  output: string,
  recorder?: string,
): { graphs: Map<string, MakeGraph>; log: string } {
  const graphs = new Map<string, MakeGraph>();
  const log: string[] = [];
  let previousEnd = 0;
  let from = output.indexOf('# Make data base, printed on');
  while (from >= 0) {
    const finished = output.indexOf('# Finished Make data base', from);
    const lineEnd = finished < 0 ? -1 : output.indexOf('\n', finished);
    // The blank line make prints after its database goes with it.
    const afterLine = lineEnd < 0 ? output.length : lineEnd + 1;
    const end = output[afterLine] === '\n' ? afterLine + 1 : afterLine;
    log.push(output.slice(previousEnd, from));
    previousEnd = end;
    const parsed = graphOf(output.slice(from, end), recorder);
    if (parsed) {
      const known = graphs.get(parsed.key);
      if (known) {
        for (const [name, rule] of parsed.graph.graph)
          if (!known.graph.has(name)) known.graph.set(name, rule);
        for (const [name, where] of parsed.graph.recipes)
          if (!known.recipes.has(name)) known.recipes.set(name, where);
      } else graphs.set(parsed.key, parsed.graph);
    }
    from = finished < 0 ? -1 : output.indexOf('# Make data base, printed on', finished);
  }
  log.push(output.slice(previousEnd));
  const text = log.join('').replace(BANNER, '');
  // Echoed recipes that name $(SHELL) show the shell the makefile set, not the recorder's script.
  return { graphs, log: recorder === undefined ? text : text.replaceAll(` ${recorder}`, '') };
}
