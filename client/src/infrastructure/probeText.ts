// Renders probe results as text in make's own output formats, for the make-trace and make-database documents.
import * as path from 'node:path';
import type {
  ConvergenceResult,
  DatabaseResult,
  DryRunResult,
  LocatedTarget,
  TraceReport,
} from '../../../contract/protocol';

const NOTE = '# Rebuilt by Makescope from the parsed output of';

/** make prints makefile names relative to where it runs; so do these texts. */
function shown(file: string, directory: string): string {
  const relative = path.relative(directory, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function traceLine(
  target: Pick<LocatedTarget, 'name' | 'file' | 'line' | 'reason'>,
  directory: string,
): string {
  const where = target.file ? `${shown(target.file, directory)}:${target.line ?? 0}` : '<builtin>';
  if (target.reason.kind === 'missing' && target.reason.prerequisites.length === 0)
    return `${where}: target '${target.name}' does not exist`;
  return `${where}: update target '${target.name}' due to: ${target.reason.text}`;
}

/** Each target's file is shown relative to the directory its make ran in (sub-makes: their own). */
function targetsText(targets: LocatedTarget[]): string[] {
  const lines: string[] = [];
  let current = '';
  for (const target of targets) {
    if (target.makeLevel > 0 && target.directory !== current) {
      lines.push(`make[${target.makeLevel}]: Entering directory '${target.directory}'`);
    }
    current = target.directory;
    lines.push(traceLine(target, target.directory), ...target.recipe);
  }
  return lines;
}

export function traceText(report: TraceReport, directory: string): string {
  const lines = [`${NOTE} make -n --trace in ${directory}`, ...targetsText(report.targets)];
  for (const goal of report.upToDate) lines.push(`make: '${goal}' is up to date.`);
  for (const error of report.errors) lines.push(...error.split('\n'));
  return `${lines.join('\n')}\n`;
}

export function dryRunText(result: DryRunResult, directory: string): string {
  const lines = [`${NOTE} make -n --trace in ${directory}: ${result.commandCount} commands`];
  for (const group of result.groups) {
    if (group.makeLevel > 0) lines.push(`make[${group.makeLevel}]: Entering directory '${group.directory}'`);
    const where = group.file ? `${shown(group.file, group.directory)}:${group.line ?? 0}` : '<builtin>';
    lines.push(`${where}: update target '${group.target}' due to: ${group.reason}`, ...group.commands);
  }
  for (const error of result.errors) lines.push(...error.split('\n'));
  return `${lines.join('\n')}\n`;
}

export function convergenceText(result: ConvergenceResult, directory: string): string {
  const lines = [`${NOTE} make -q and make -n --trace in ${directory}`];
  lines.push(`# make -q exited ${result.questionStatus}: ${result.verdict}`);
  lines.push(...targetsText([...result.stale, ...result.phony]));
  for (const note of result.notes) lines.push(`# ${note}`);
  return `${lines.join('\n')}\n`;
}

export function databaseText(result: DatabaseResult, directory: string): string {
  const { database } = result;
  const lines = [
    `${NOTE} make -p in ${directory}`,
    `# ${database.makeVersion ?? 'GNU Make'}`,
    '',
    '# Variables',
    '',
  ];
  for (const variable of database.variables) {
    const from = variable.file ? ` (from '${variable.file}', line ${variable.line ?? 0})` : '';
    lines.push(`# ${variable.origin}${variable.private ? ' private' : ''}${from}`);
    const operator = variable.flavor === 'simple' ? ':=' : variable.flavor === 'append' ? '+=' : '=';
    if (variable.value.includes('\n')) lines.push(`define ${variable.name}`, variable.value, 'endef');
    else lines.push(`${variable.name} ${operator} ${variable.value}`);
  }
  lines.push('', '# Files', '');
  for (const file of database.files) {
    if (!file.isTarget) lines.push('# Not a target:');
    const orderOnly = file.orderOnly.length > 0 ? ` | ${file.orderOnly.join(' ')}` : '';
    lines.push(
      `${file.name}:${file.doubleColon ? ':' : ''} ${file.prerequisites.join(' ')}${orderOnly}`.trimEnd(),
    );
    if (file.phony) lines.push('#  Phony target (prerequisite of .PHONY).');
    if (file.updateStatus) lines.push(`#  ${file.updateStatus}`);
    if (file.recipe?.file)
      lines.push(`#  recipe to execute (from '${file.recipe.file}', line ${file.recipe.line ?? 0}):`);
    for (const line of file.recipe?.lines ?? []) lines.push(`\t${line}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
