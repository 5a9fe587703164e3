// MS201/MS202: each recipe checked by the shell's own parser (`sh -n`, `bash -n`, SHELL and .SHELLFLAGS respected)
// and by shellcheck when installed, findings mapped back to the Makefile. Runs programs: callers gate it on trust.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FileIndex } from '../../analysis/fileIndex';
import type { Position, RecipeLine } from '../../parser/ast';
import { runProcess } from '../../probes/exec';
import { findOnPath } from '../../probes/findOnPath';
import type { LintFinding } from '../lintTypes';
import { hasSpecialTarget } from '../rules/projectFacts';
import { parseShellcheckJson, parseShellSyntaxError, type ShellSyntaxError } from './shellMessages';
import { positionOf, recipeScript, type RecipeScript } from './recipeScript';
import { checkScripts } from './shellBatch';

export interface RecipeShellOptions {
  /** Where the shell runs (it only parses: `-n`). */
  cwd: string;
  signal?: AbortSignal;
  /** Per script (default 5 s; a driver shell checking many scripts gets it plus 50 ms a script). */
  timeoutMs?: number;
  /** Also run shellcheck when it is on PATH (default true). */
  shellcheck?: boolean;
}

/** What the CLI and the server say, once, when MS202 cannot run. */
export const SHELLCHECK_MISSING =
  'shellcheck is not on PATH: MS202 (recipe-shellcheck) does not run; install it with: sudo apt-get install shellcheck';

/** Whether MS202 can run here. */
export async function shellcheckInstalled(): Promise<boolean> {
  return (await findOnPath('shellcheck')) !== undefined;
}

/** Enough for any hand-written makefile; generated ones with more recipe lines are checked up to here. */
const MAX_SCRIPTS = 2000;
const OUTPUT_CAP = 256 * 1024;
/**
 * Names recipes get from make's environment, and assignments read by later lines (each line is its own shell);
 * and the notes that a word is constant, which the placeholders make true of every make reference: `for p in
 * $(PROGRAMS)` "runs once" (SC2043) and `case " $(ALL) " in` "is constant" (SC2194), both said of git's Makefile,
 * and shellcheck's same reading of a placeholder in a test: `[ -z "$(V)" ]` "is always false" (SC2157, SC2050,
 * SC2078, SC2193).
 */
const SHELLCHECK_EXCLUDED = 'SC2154,SC2034,SC1091,SC2043,SC2194,SC2157,SC2050,SC2078,SC2193';

const syntaxCache = new Map<string, ShellSyntaxError | null>();

/** The shell make would run, from the project's last plain `SHELL =` (make ignores SHELL from the environment). */
function shellOf(project: readonly FileIndex[]): { shell: string; flags: string[] } {
  let shell = '/bin/sh';
  let flags = '-c';
  for (const file of project) {
    for (const variable of file.variables) {
      const { statement } = variable;
      if (statement.type !== 'assignment' || variable.targets || statement.value.includes('$')) continue;
      if (variable.name === 'SHELL' && statement.value.trim()) shell = statement.value.trim();
      if (variable.name === '.SHELLFLAGS' && statement.value.trim()) flags = statement.value.trim();
    }
  }
  // `-ec` -> `-e`: the script goes after `-n -c`; options that change parsing (-O extglob) are kept.
  const kept = flags
    .split(/\s+/)
    .map((flag) => (/^-[a-zA-Z]*c$/.test(flag) ? flag.slice(0, -1) : flag))
    .filter((flag) => flag !== '-' && flag !== '');
  return { shell, flags: kept };
}

function dialect(shell: string): 'sh' | 'bash' | undefined {
  const name = path.basename(shell.split(/\s+/)[0] ?? '');
  if (name === 'bash') return 'bash';
  if (name === 'sh' || name === 'dash' || name === 'ash' || name === 'ksh' || name === 'posh') return 'sh';
  return undefined;
}

/** The scripts make hands to the shell: each recipe line, or each whole recipe under .ONESHELL. */
function scriptsOf(index: FileIndex, project: readonly FileIndex[]): RecipeScript[] {
  const units: RecipeLine[][] = [];
  if (hasSpecialTarget(project, '.ONESHELL')) {
    for (const target of index.targets) {
      if (target.rule.targets[0] === target.word && target.rule.recipe.length > 0)
        units.push(target.rule.recipe);
    }
  } else {
    for (const site of index.recipes) units.push([site.line]);
  }
  return units.slice(0, MAX_SCRIPTS).map(recipeScript);
}

/**
 * `sh -n`'s verdict on each script (undefined: none), from the cache or from one driver shell per chunk of the
 * others. A status of 126 or 127 is the driver failing to run the shell, not the shell's answer: not kept.
 */
async function syntaxErrors(
  shell: string,
  flags: string[],
  scripts: readonly RecipeScript[],
  options: RecipeShellOptions,
): Promise<Array<ShellSyntaxError | undefined>> {
  const keyOf = (script: RecipeScript): string => `${shell}\u0000${flags.join(' ')}\u0000${script.text}`;
  const uncached = [...new Set(scripts.map((script) => script.text))].filter(
    (text) => !syntaxCache.has(keyOf({ text, positions: [] })),
  );
  const verdicts = await checkScripts(shell, flags, uncached, {
    cwd: options.cwd,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? 5000,
    maxOutputBytes: OUTPUT_CAP,
  });
  const found = new Map<string, ShellSyntaxError | undefined>();
  uncached.forEach((text, i) => {
    const verdict = verdicts[i];
    if (!verdict || verdict.status === 126 || verdict.status === 127) return;
    const error = verdict.status === 0 ? undefined : parseShellSyntaxError(verdict.stderr, text);
    if (syntaxCache.size > 10000) syntaxCache.clear();
    syntaxCache.set(keyOf({ text, positions: [] }), error ?? null);
    found.set(text, error);
  });
  return scripts.map((script) => {
    if (found.has(script.text)) return found.get(script.text);
    return syntaxCache.get(keyOf(script)) ?? undefined;
  });
}

function syntaxFinding(script: RecipeScript, error: ShellSyntaxError, shell: string): LintFinding {
  const start = positionOf(script, error.line, error.column ?? 1);
  const end =
    error.column === undefined
      ? positionOf(script, error.line, Number.MAX_SAFE_INTEGER)
      : { line: start.line, character: start.character + error.length };
  return {
    code: 'MS201',
    severity: 'error',
    range: { start, end },
    message: `${path.basename(shell)} -n: ${error.message}`,
  };
}

const SHELLCHECK_SEVERITY = {
  error: 'error',
  warning: 'warning',
  info: 'information',
  style: 'hint',
} as const;

/**
 * Every script in one file for one shellcheck run (it starts slowly), each as a branch of one `case`: make
 * runs each in a shell of its own, so an `exit` in one must not make the next "unreachable" (SC2317, which
 * scripts written one after another drew on every recipe line after an `exit 0`: 148 in ldns's Makefile),
 * and a branch, unlike a subshell, draws no "modified in a subshell" notes. The wrapper's characters take
 * the position of their script's start (a branch's closing `;;`, of its end).
 */
function combinedScript(scripts: readonly RecipeScript[]): RecipeScript {
  const combined: RecipeScript = { text: '', positions: [] };
  const origin = scripts[0]?.positions[0] ?? { line: 0, character: 0 };
  const wrapper = (text: string, at: Position): void => {
    combined.text += text;
    for (let k = 0; k < text.length; k++) combined.positions.push(at);
  };
  wrapper('case "$1" in\n', origin);
  scripts.forEach((script, k) => {
    const at = script.positions[0] ?? origin;
    wrapper(`${k + 1})\n`, at);
    combined.text += script.text;
    combined.positions.push(...script.positions.slice(0, script.text.length));
    wrapper('\n;;\n', script.positions[script.text.length] ?? at);
  });
  wrapper('esac', combined.positions[combined.positions.length - 1] ?? origin);
  combined.positions.push(combined.positions[combined.positions.length - 1] ?? origin);
  return combined;
}

async function shellcheckFindings(
  scripts: readonly RecipeScript[],
  shellDialect: 'sh' | 'bash',
  options: RecipeShellOptions,
): Promise<LintFinding[]> {
  const shellcheck = await findOnPath('shellcheck');
  if (!shellcheck || scripts.length === 0) return [];
  const combined = combinedScript(scripts);
  const folder = await mkdtemp(path.join(tmpdir(), 'makescope-shellcheck-'));
  try {
    const file = path.join(folder, 'recipes.sh');
    // Tabs as spaces: shellcheck counts a tab as 8 columns.
    await writeFile(file, `${combined.text.replace(/\t/g, ' ')}\n`);
    const result = await runProcess({
      file: shellcheck,
      args: ['-f', 'json', '-s', shellDialect, '-e', SHELLCHECK_EXCLUDED, file],
      cwd: options.cwd,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxOutputBytes: 4 * 1024 * 1024,
      signal: options.signal,
    });
    if (result.outcome !== 'exited') return [];
    return parseShellcheckJson(result.stdout).map((comment) => ({
      code: 'MS202',
      severity: SHELLCHECK_SEVERITY[comment.level] ?? 'warning',
      range: {
        start: positionOf(combined, comment.line, comment.column),
        end: positionOf(combined, comment.endLine, comment.endColumn),
      },
      message: `SC${comment.code}: ${comment.message}`,
    }));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Shell findings of one makefile; empty when its SHELL is not a shell these tools know. */
export async function checkRecipeShells(
  index: FileIndex,
  project: readonly FileIndex[],
  options: RecipeShellOptions,
): Promise<LintFinding[]> {
  const { shell, flags } = shellOf(project);
  const shellDialect = dialect(shell);
  if (!shellDialect) return [];
  const scripts = scriptsOf(index, project);
  const findings: LintFinding[] = [];
  const parsed: RecipeScript[] = [];
  const errors = await syntaxErrors(shell, flags, scripts, options);
  if (options.signal?.aborted) return [];
  scripts.forEach((script, k) => {
    const error = errors[k];
    if (error) findings.push(syntaxFinding(script, error, shell));
    else parsed.push(script);
  });
  if (options.shellcheck !== false)
    findings.push(...(await shellcheckFindings(parsed, shellDialect, options)));
  return findings;
}
