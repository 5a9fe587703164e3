// `makescope lint [FILE...]`: the lint rules without running make (recipes checked by `sh -n` and shellcheck unless
// --no-recipe-shell); 0 no error-level finding, 1 some, 2 an error.
import * as path from 'node:path';
import type { LintSeverity } from '../../../engine/lint/lintTypes';
import { severityOf } from '../../../engine/lint/lint';
import { lintFiles, lintFilesWithRecipeShells } from '../../../engine/lint/lintFiles';
import { SHELLCHECK_MISSING, shellcheckInstalled } from '../../../engine/lint/recipeShell/recipeShellCheck';
import { lintSarif } from '../../../engine/lint/lintSarif';
import { lintRule } from '../../../engine/lint/ruleTable';
import type { CommandIO, CommandLine } from '../commandSpec';
import { makefileOperands } from '../makefileOperands';
import { flag, reportFormat, UsageError } from '../options';
import { lintReport } from '../reports/lintReport';
import { createStyle } from '../reports/style';
import { jsonText } from '../reports/jsonText';

const SEVERITIES: readonly LintSeverity[] = ['off', 'hint', 'information', 'warning', 'error'];

/** `--rule CODE=SEVERITY` (repeatable), as the makescope.lint.rules setting. */
function rulesOf(commandLine: CommandLine): Record<string, LintSeverity> {
  const rules: Record<string, LintSeverity> = {};
  const given = commandLine.values.rule;
  for (const entry of Array.isArray(given) ? given : []) {
    const [code = '', severity = ''] = entry.split('=');
    if (!lintRule(code))
      throw new UsageError(`--rule names no lint rule: '${code}' (see makescope lint --help)`);
    if (!SEVERITIES.includes(severity as LintSeverity))
      throw new UsageError(`--rule ${code}= takes ${SEVERITIES.join(', ')}, got '${severity}'`);
    rules[code] = severity as LintSeverity;
  }
  return rules;
}

export async function run(commandLine: CommandLine, io: CommandIO): Promise<number> {
  const format = reportFormat(commandLine);
  const rules = rulesOf(commandLine);
  const { directory, files } = await makefileOperands(commandLine);
  const options = { environment: new Set(Object.keys(process.env)), rules };
  const recipeShells = !flag(commandLine, 'no-recipe-shell');
  const results = recipeShells ? await lintFilesWithRecipeShells(files, options) : lintFiles(files, options);
  const notes =
    recipeShells && severityOf('MS202', rules) !== 'off' && !(await shellcheckInstalled())
      ? [SHELLCHECK_MISSING]
      : [];
  const unread = results.find((result) => result.declined);
  if (unread)
    throw new UsageError(`${path.relative(process.cwd(), unread.file) || unread.file}: ${unread.declined}`);
  // JSON and SARIF stay one document on stdout: the note goes to stderr.
  if (format !== 'text') for (const note of notes) io.stderr.write(`makescope lint: ${note}\n`);
  if (format === 'json') io.stdout.write(jsonText(results, io.stdout));
  else if (format === 'sarif') io.stdout.write(jsonText(lintSarif(directory, results), io.stdout));
  else io.stdout.write(lintReport(results, process.cwd(), createStyle(io.stdout.isTTY), notes));
  return results.some((result) => result.findings.some((finding) => finding.severity === 'error')) ? 1 : 0;
}
