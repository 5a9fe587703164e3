// Resolved variable values, computed by make itself without running any recipe.
//
// How: make reads the project's makefile and then a helper makefile (a temp file outside the
// project) given as a second -f.
// - Global values: the helper adds a goal of its own whose one-line recipe (`goal: ; ...`, so no
//   .RECIPEPREFIX matters) prints `$(info ...)` for each variable and stops with `$(error)`. -q
//   expands that recipe after make has read everything and remade the makefiles it includes (as
//   the build would: `include gen.mk` with a rule for gen.mk), so the values are the build's; the
//   stop comes before any other goal. Remade makefiles are a risk the safety check always counts.
// - Values for a target T: the helper turns on .SECONDEXPANSION and adds to T a prerequisite list
//   `$$(info ...)$$(error ...)`. Make expands it in T's own variable context (target- and
//   pattern-specific values included) when it expands T's prerequisites: before it looks at any
//   prerequisite or recipe, so the $(error) stops make with nothing run. (4.3 expands at the end
//   of reading; 4.4 when it first considers T, after remaking makefiles, which the safety check
//   covers like any probe.) The value is T's as a goal; values a parent passes down are not seen.
// Expanding a variable runs the functions in it ($(shell ...)); the safety check counts those.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { makeArgs, summarize, withMake, type PlacementSummary } from './makeRun';
import { findMakefile } from './safety';
import { checkHelperTarget, checkVariableName, ProbeError, type ProbeOptions } from './probeOptions';
import { withoutProbeMarks } from './probeMarks';
import { parseResolvedValues, type ResolvedValue } from './parsers/resolvedValuesParser';

export type { ResolvedValue } from './parsers/resolvedValuesParser';

export interface ResolveOptions extends ProbeOptions {
  variables: string[];
  /** Resolve in this target's context instead of globally. */
  target?: string;
}

export interface ResolveResult {
  target?: string;
  values: ResolvedValue[];
  placement: PlacementSummary;
}

const globalGoal = (nonce: string): string => `.makescope-resolve-${nonce}`;

export function helperMakefile(variables: string[], nonce: string, target?: string): string {
  const escape = (text: string): string => (target === undefined ? text : text.replaceAll('$', () => '$$'));
  const infos = variables
    .map((name) =>
      escape(`$(info @@${nonce}@@${name}@@$(flavor ${name})@@$(origin ${name})@@$(${name})@@${nonce}-end@@)`),
    )
    .join('');
  const stop = escape(`$(error makescope-${nonce}-stop)`);
  if (target !== undefined) return `.SECONDEXPANSION:\n${target}: ${infos}${stop}\n`;
  const goal = globalGoal(nonce);
  return `.PHONY: ${goal}\n${goal}: ; ${infos}${stop}\n`;
}

export async function resolveProbe(options: ResolveOptions): Promise<ResolveResult> {
  if (options.variables.length === 0) throw new ProbeError('no variable to resolve', 'usage');
  options.variables.forEach(checkVariableName);
  if (options.target !== undefined) checkHelperTarget(options.target);
  const risks = { runsGoals: false, expandsRecipes: false, builds: false };
  return withMake({ ...options, targets: [] }, risks, async (context) => {
    const makefile = await findMakefile(context.directory, options.makefile);
    if (makefile === undefined) throw new ProbeError(`no makefile in ${options.directory}`, 'make-failed');
    const nonce = `ms${randomBytes(6).toString('hex')}`;
    // The helper lives where make can read it at the same path, isolated or not; removed with the probe.
    const folder = await context.scratchFolder();
    {
      const helper = path.join(folder, 'resolve.mk');
      await writeFile(helper, helperMakefile(options.variables, nonce, options.target));
      const goal = [options.target ?? globalGoal(nonce)];
      const args = makeArgs(
        { ...options, makefile: undefined, jobs: undefined },
        ['-q', '-f', makefile, '-f', helper],
        goal,
      );
      const result = await context.run(args);
      // The probe's -q and its helper makefile are not the user's (MAKEFLAGS, MAKEFILE_LIST).
      const marks = { letters: 'q', helpers: [helper] };
      const values = parseResolvedValues(result.stdout, nonce).map((value) => ({
        ...value,
        value: withoutProbeMarks(value.name, value.value, marks),
      }));
      if (!result.stderr.includes(`makescope-${nonce}-stop`) || values.length !== options.variables.length) {
        throw new ProbeError(
          // make names the helper by its path in the probe's scratch folder: say what it is instead.
          `make stopped before printing the values: ${result.stderr.trim().split(helper).join('(the resolve helper)')}`,
          'make-failed',
        );
      }
      return { target: options.target, values, placement: summarize(context) };
    }
  });
}
