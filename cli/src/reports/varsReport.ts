// Terminal report of the database probe (variables, optionally rules) and of resolved values.
import type { DatabaseResult } from '../../../engine/probes/databaseProbe';
import type { ResolveResult } from '../../../engine/probes/resolveProbe';
import { shownVariables } from './databaseSelection';
import { placementLines } from './placementReport';
import { location, type Style } from './style';

export function databaseReport(
  result: DatabaseResult,
  options: { all: boolean; rules: boolean },
  style: Style,
): string {
  const lines: string[] = [];
  const db = result.database;
  const variables = shownVariables(db, options.all).sort((a, b) => a.name.localeCompare(b.name));
  for (const variable of variables) {
    const operator = variable.flavor === 'simple' ? ':=' : variable.flavor === 'append' ? '+=' : '=';
    lines.push(
      `${style.bold(variable.name)} ${operator} ${variable.value}  ${style.dim(`${variable.origin}, ${location(variable.file, variable.line)}`)}`,
    );
  }
  for (const file of db.files) {
    for (const variable of file.targetVariables) {
      lines.push(
        `${file.name}: ${style.bold(variable.name)} ${variable.flavor === 'append' ? '+=' : '='} ${variable.value}  ${style.dim(location(variable.file, variable.line))}`,
      );
    }
  }
  for (const entry of db.patternVariables) {
    lines.push(
      `${entry.pattern}: ${style.bold(entry.variable.name)} = ${entry.variable.value}  ${style.dim(location(entry.variable.file, entry.variable.line))}`,
    );
  }
  if (options.rules) {
    for (const file of db.files.filter(
      (f) => f.isTarget && !f.builtin && !f.name.startsWith('.makescope-'),
    )) {
      const flags = [file.phony ? 'phony' : '', file.doubleColon ? 'double-colon' : '']
        .filter(Boolean)
        .join(', ');
      const orderOnly = file.orderOnly.length > 0 ? ` | ${file.orderOnly.join(' ')}` : '';
      lines.push(
        `${style.bold(file.name)}:${file.doubleColon ? ':' : ''} ${file.prerequisites.join(' ')}${orderOnly}${flags ? style.dim(`  (${flags})`) : ''}  ${style.dim(location(file.recipe?.file, file.recipe?.line))}`,
      );
    }
    for (const rule of db.patternRules.filter((r) => r.recipe && !r.recipe.builtin)) {
      lines.push(
        `${style.bold(rule.targets.join(' '))}: ${rule.prerequisites.join(' ')}  ${style.dim(location(rule.recipe?.file, rule.recipe?.line))}`,
      );
    }
    for (const vpath of db.vpaths) lines.push(`vpath ${vpath.pattern} ${vpath.directories.join(':')}`);
  }
  const targets = db.files.filter(
    (f) => f.isTarget && !f.builtin && !f.name.startsWith('.makescope-'),
  ).length;
  lines.push(
    style.dim(
      `${variables.length} variable(s) shown, ${targets} target(s), ${db.patternRules.length} pattern rule(s)`,
    ),
  );
  lines.push(...placementLines(result.placement, style));
  return lines.join('\n') + '\n';
}

export function resolveReport(result: ResolveResult, style: Style): string {
  const lines: string[] = [];
  if (result.target !== undefined) lines.push(style.dim(`values for target '${result.target}':`));
  for (const value of result.values) {
    const shown = value.origin === 'undefined' ? style.yellow('(undefined)') : value.value;
    lines.push(`${style.bold(value.name)} = ${shown}  ${style.dim(`${value.flavor}, ${value.origin}`)}`);
  }
  lines.push(...placementLines(result.placement, style));
  return lines.join('\n') + '\n';
}
