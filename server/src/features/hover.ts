// textDocument/hover: definitions with file:line, flavor and stored value; docs for make's own names.
import * as path from 'node:path';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver';
import {
  AUTOMATIC_VARIABLES,
  FUNCTIONS,
  SPECIAL_TARGETS,
  automaticVariableDoc,
} from '../../../engine/analysis/makeBuiltinDocs';
import type { VariableDefinition } from '../../../engine/analysis/fileIndex';
import { locate, type Located } from '../../../engine/analysis/locate';
import { targetDefinitions, variableDefinitions } from '../../../engine/analysis/symbolQueries';
import { uriToPath } from '../../../engine/analysis/uris';
import type { WorkspaceModel } from '../../../engine/analysis/workspaceModel';
import type { AssignmentOperator } from '../../../engine/parser/ast';
import type { RuleInstance } from '../../../engine/probes/automaticVariables';
import { automaticValuesText } from './automaticValues';

/** What make itself resolved for a variable (from the probe engine), shown under the static facts. */
export interface HoverResolvedValue {
  value: string;
  origin: string;
  flavor: string;
  /** The target whose target-specific value this is, when it differs from the global one. */
  target?: string;
}

/** make's values for the hover, or 'scanning' while the makefile that includes this file is not yet known. */
export type HoverResolved = HoverResolvedValue[] | 'scanning';

/** What a hover says while the workspace scan runs, instead of a value make gave for a fragment alone. */
export const STILL_SCANNING =
  'make\u2019s value: not asked yet \u2014 the workspace scan has not yet found which makefile includes this file (make run on it alone could answer wrongly); hover again in a moment.';

const MAX_VALUE_LINES = 20;
const MAX_VALUE_CHARS = 2000;
const MAX_DEFINITIONS = 8;

export function hover(
  model: WorkspaceModel,
  uri: string,
  position: Position,
  resolved?: HoverResolved,
  /** The targets make builds with the recipe under the cursor, for its automatic variables. */
  instances?: readonly RuleInstance[],
): Hover | null {
  const index = model.index(uri);
  const located = index && locate(index, position);
  if (!located) return null;
  const text = hoverText(model, uri, located, resolved, instances);
  if (!text) return null;
  const contents: MarkupContent = { kind: 'markdown', value: text };
  return { contents, range: located.range };
}

/** The name of the variable under the cursor, for callers that want make's resolved value first. */
export function variableAt(model: WorkspaceModel, uri: string, position: Position): Located | undefined {
  const index = model.index(uri);
  const located = index && locate(index, position);
  return located?.kind === 'variable' ? located : undefined;
}

function hoverText(
  model: WorkspaceModel,
  uri: string,
  located: Located,
  resolved?: HoverResolved,
  instances?: readonly RuleInstance[],
): string | undefined {
  switch (located.kind) {
    case 'automatic': {
      const doc = `**\`$${located.name.length > 1 ? `(${located.name})` : located.name}\`** automatic variable\n\n${
        automaticVariableDoc(located.name) ?? AUTOMATIC_VARIABLES[located.name]
      }`;
      const values = instances && automaticValuesText(located.name, instances);
      return values ? `${doc}\n\n---\n\n${values}` : doc;
    }
    case 'function': {
      const builtin = FUNCTIONS[located.name];
      return builtin && `**\`${builtin.signature}\`** built-in function\n\n${builtin.doc}`;
    }
    case 'variable':
      return variableHover(model, uri, located.name, resolved);
    case 'target':
    case 'prerequisite':
      return targetHover(model, uri, located.name);
    case 'include': {
      const include = model.includesOf(uri).find((entry) => entry.site.word === located.site.word);
      const target = include?.targetUri && uriToPath(include.targetUri);
      return target
        ? `**${located.site.include.directive}** \`${located.name}\`\n\nreads \`${target}\``
        : `**${located.site.include.directive}** \`${located.name}\`\n\nThe file cannot be found statically (it may be generated, or its path depends on make).`;
    }
  }
}

function variableHover(model: WorkspaceModel, uri: string, name: string, resolved?: HoverResolved): string {
  const definitions = variableDefinitions(model, uri, name);
  const parts: string[] = [`**\`${name}\`** variable`];
  if (resolved === 'scanning') parts.push(STILL_SCANNING);
  const values = resolved === 'scanning' ? [] : (resolved ?? []);
  for (const value of values) {
    const where = value.target ? ` for target \`${value.target}\`` : '';
    parts.push(`make resolved${where} (${value.origin}, ${value.flavor}):\n${codeBlock(value.value)}`);
  }
  if (definitions.length === 0) {
    parts.push(
      'Not defined in the makefiles read with this one (it may come from the environment or the command line).',
    );
  }
  const made = values.find((value) => !value.target);
  for (const definition of definitions.slice(0, MAX_DEFINITIONS))
    parts.push(definitionText(definition, uri, made));
  if (definitions.length > MAX_DEFINITIONS)
    parts.push(`… and ${definitions.length - MAX_DEFINITIONS} more definitions`);
  return parts.join('\n\n---\n\n');
}

/** Origins of a value a makefile line set: only then can a line be matched against make's value. */
const MAKEFILE_ORIGINS = new Set(['file', 'override']);
/** Origins that mean no makefile line without `override` gave make's value. */
const OUTSIDE_ORIGINS: Record<string, string> = {
  default: 'make\u2019s built-in default',
  environment: 'the environment',
  'command line': 'the command line',
};
const SETS_VALUE = new Set<AssignmentOperator>(['=', ':=', '::=', ':::=', '?=']);

function definitionText(definition: VariableDefinition, fromUri: string, made?: HoverResolvedValue): string {
  const where = location(definition.uri, definition.nameRange.start.line, fromUri);
  const branch = definition.branch
    ? ` inside \`${definition.branch.text}\` (${location(definition.uri, definition.branch.line, fromUri)})`
    : '';
  const statement = definition.statement;
  if (statement.type !== 'assignment')
    return `\`${statement.directive} ${definition.name}\` at ${where}${branch}`;
  const modifiers = statement.modifiers.length > 0 ? `${statement.modifiers.join(' ')} ` : '';
  const scope = definition.targets ? ` for \`${definition.targets.map((t) => t.text).join(' ')}\`` : '';
  const kind = statement.define ? `define ${statement.operator}` : statement.operator;
  return `${modifiers}\`${kind}\` ${flavorOf(statement.operator)}${scope} at ${where}${branch}${inEffect(definition, made)}\n${codeBlock(statement.value)}`;
}

/**
 * What make's answer says of this line, where it can tell: a value from outside the makefiles means
 * no line without `override` counted; a line setting a value with no reference in it that differs
 * from make's value was not read (a branch not taken) or was set again later.
 */
function inEffect(definition: VariableDefinition, made: HoverResolvedValue | undefined): string {
  const statement = definition.statement;
  if (!made || statement.type !== 'assignment' || definition.targets) return '';
  const outside = OUTSIDE_ORIGINS[made.origin];
  if (outside !== undefined)
    return statement.modifiers.includes('override')
      ? ''
      : ` \u2014 not make\u2019s value: it comes from ${outside}`;
  if (!MAKEFILE_ORIGINS.has(made.origin)) return '';
  if (!SETS_VALUE.has(statement.operator) || statement.value.includes('$')) return '';
  return statement.value.trim() === made.value.trim()
    ? ' \u2014 same as make\u2019s value'
    : ' \u2014 not make\u2019s value here (a branch not taken, or set again later)';
}

function flavorOf(operator: AssignmentOperator): string {
  switch (operator) {
    case ':=':
    case '::=':
      return '(simply expanded)';
    case ':::=':
      return '(expanded now, stored as recursive)';
    case '+=':
      return '(appends, keeps the earlier flavor)';
    case '?=':
      return '(recursive, only if not yet defined)';
    case '!=':
      return '(shell output, stored as recursive)';
    default:
      return '(recursively expanded)';
  }
}

function targetHover(model: WorkspaceModel, uri: string, name: string): string {
  const special = SPECIAL_TARGETS[name];
  if (special) return `**\`${name}\`** special target\n\n${special}`;
  const rules = targetDefinitions(model, uri, name);
  if (rules.length === 0)
    return `**\`${name}\`** has no rule here: make expects it as a file, or finds an implicit rule.`;
  const parts = [`**\`${name}\`** target`];
  for (const { rule, uri: ruleUri } of rules.slice(0, MAX_DEFINITIONS)) {
    const separator = rule.kind === 'double-colon' ? '::' : rule.kind === 'grouped' ? '&:' : ':';
    const prerequisites = rule.prerequisites.map((p) => p.text).join(' ');
    const orderOnly = rule.orderOnly.length > 0 ? ` | ${rule.orderOnly.map((p) => p.text).join(' ')}` : '';
    const header =
      `${rule.targets.map((t) => t.text).join(' ')}${separator} ${prerequisites}${orderOnly}`.trimEnd();
    const recipe = rule.recipe.map((line) => `\t${line.text}`).join('\n');
    parts.push(
      `${rule.kind} rule at ${location(ruleUri, rule.range.start.line, uri)}\n${codeBlock(recipe ? `${header}\n${recipe}` : header)}`,
    );
  }
  return parts.join('\n\n---\n\n');
}

function location(uri: string, line: number, fromUri: string): string {
  const filePath = uriToPath(uri) ?? uri;
  const from = uriToPath(fromUri);
  const shown = from ? path.relative(path.dirname(from), filePath) || path.basename(filePath) : filePath;
  return `[${shown}:${line + 1}](${uri}#L${line + 1})`;
}

/** A fenced block; long values are folded so the hover stays readable. */
function codeBlock(value: string): string {
  let shown = value;
  const lines = shown.split('\n');
  if (lines.length > MAX_VALUE_LINES)
    shown = `${lines.slice(0, MAX_VALUE_LINES).join('\n')}\n… (${lines.length - MAX_VALUE_LINES} more lines)`;
  if (shown.length > MAX_VALUE_CHARS)
    shown = `${shown.slice(0, MAX_VALUE_CHARS)} … (${value.length} characters in all)`;
  const fence = shown.includes('```') ? '~~~~' : '```';
  return `${fence}make\n${shown}\n${fence}`;
}
