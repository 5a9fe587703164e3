// MS104 undefined-variable: a reference no makefile, make itself, the environment or a loop defines.
import { MAKE_DEFINED_VARIABLES, automaticVariableDoc } from '../../analysis/makeBuiltinDocs';
import type { WorkspaceModel } from '../../analysis/workspaceModel';
import type { LintContext, RuleFinding } from '../lintTypes';

/** Enough to act on; a generated or hostile file could otherwise publish millions of them. */
const MAX_UNDEFINED_REPORTS = 1000;

const definedNamesCache = new WeakMap<WorkspaceModel, { generation: number; names: Set<string> }>();

/**
 * Every variable name some known makefile assigns. Built once per change of the workspace model, not
 * once per published file: after an edit, every open makefile is checked against the same set.
 */
function definedNames(model: WorkspaceModel): ReadonlySet<string> {
  const cached = definedNamesCache.get(model);
  if (cached && cached.generation === model.changeCount) return cached.names;
  const names = new Set<string>();
  for (const file of model.allIndexes()) for (const variable of file.variables) names.add(variable.name);
  definedNamesCache.set(model, { generation: model.changeCount, names });
  return names;
}

export function undefinedVariable({ index, model, environment }: LintContext): RuleFinding[] {
  const defined = definedNames(model);
  const loopVariables = new Set<string>();
  for (const reference of index.parsed.references) {
    // `$(foreach v,...)`, `$(let a b,...)` and `$(call f,...)` bind names that no assignment defines.
    if ((reference.functionName === 'foreach' || reference.functionName === 'let') && reference.args?.[0]) {
      for (const name of reference.args[0].text.split(/\s+/)) loopVariables.add(name);
    }
  }
  const result: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const reference of index.parsed.references) {
    const { name } = reference;
    if (reference.functionName || reference.computed) continue;
    if (name.length === 0 || /^\d+$/.test(name) || /[\s$]/.test(name) || automaticVariableDoc(name)) continue;
    if (
      defined.has(name) ||
      MAKE_DEFINED_VARIABLES.has(name) ||
      environment.has(name) ||
      loopVariables.has(name)
    )
      continue;
    const key = `${name}@${reference.range.start.line}:${reference.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (result.length === MAX_UNDEFINED_REPORTS) {
      result.push({
        range: reference.nameRange,
        message: `More references to variables no makefile defines follow; only the first ${MAX_UNDEFINED_REPORTS} are reported.`,
      });
      break;
    }
    result.push({
      range: reference.nameRange,
      message: `'${name}' is defined in no makefile of the workspace nor by make: it expands to nothing unless set in the environment or on the command line.`,
    });
  }
  return result;
}
