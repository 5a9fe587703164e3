// textDocument/inlayHint: after an assignment, its value (make's, or a simple `:=` expanded statically);
// after `$@`, `$<`, `$^`… in a recipe, what make gives them for the rule; after a target, its depth.
import * as path from 'node:path';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { FileIndex, VariableDefinition } from '../../../engine/analysis/fileIndex';
import { expandStatically } from '../../../engine/analysis/staticExpander';
import { uriToPath } from '../../../engine/analysis/uris';
import type { Assignment } from '../../../engine/parser/ast';
import type { RuleInstance } from '../../../engine/probes/automaticVariables';
import type { InlayHintSettings } from '../../../contract/settings';
import { automaticValueLabel } from './automaticValues';
import type { HoverResolvedValue } from './hover';
import { ReferenceSpans } from './referenceSpans';
import { targetDepthHints, type DepthSource } from './targetDepthHints';

const MAX_LABEL_CHARS = 60;

export interface InlayHintSources {
  settings: InlayHintSettings;
  /** make's global value of each variable, once the resolve probe has answered. */
  resolved?: ReadonlyMap<string, HoverResolvedValue | undefined>;
  /** The targets each rule builds, by the 1-based line its recipe starts on, once make's database has answered. */
  instancesAt?: (recipeLine: number) => readonly RuleInstance[];
  /** Target depths: make's once its database has answered, else the makefiles' text. */
  depths?: DepthSource;
  /** The server's number for the document, which depth hints carry for their resolve. */
  depthDocument?: number;
}

export function inlayHints(index: FileIndex, range: Range, sources: InlayHintSources): InlayHint[] {
  const hints: InlayHint[] = [];
  if (sources.settings.values) hints.push(...valueHints(index, range, sources.resolved));
  if (sources.settings.automaticVariables && sources.instancesAt)
    hints.push(...automaticHints(index, range, sources.instancesAt));
  if (sources.settings.targetDepth && sources.depths)
    hints.push(...targetDepthHints(index, range, sources.depths, sources.depthDocument ?? 0));
  return hints.sort(
    (a, b) => a.position.line - b.position.line || a.position.character - b.position.character,
  );
}

const inRange = (line: number, range: Range): boolean => line >= range.start.line && line <= range.end.line;

function valueHints(index: FileIndex, range: Range, resolved: InlayHintSources['resolved']): InlayHint[] {
  const hints: InlayHint[] = [];
  const staticValues = resolved ? undefined : new StaticValues(index);
  for (const definition of index.variables) {
    const statement = definition.statement;
    if (statement.type !== 'assignment' || definition.targets || statement.computedName) continue;
    if (!inRange(statement.range.end.line, range)) continue;
    const written = statement.value.trim();
    let value: string | undefined;
    let tooltip: string;
    if (resolved) {
      const made = resolved.get(definition.name);
      value = made?.value;
      tooltip = `make's value of ${definition.name} once every makefile is read (${made?.origin ?? ''}, ${made?.flavor ?? ''})`;
    } else {
      value = staticValues?.valueAfter(definition);
      tooltip = `${definition.name} expanded from this file alone (make has not been asked)`;
    }
    if (value === undefined || value.trim() === written) continue;
    hints.push({
      position: statement.range.end,
      label: `= ${shorten(value)}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip,
    });
  }
  return hints;
}

function automaticHints(
  index: FileIndex,
  range: Range,
  instancesAt: (recipeLine: number) => readonly RuleInstance[],
): InlayHint[] {
  const hints: InlayHint[] = [];
  const references = index.parsed.references;
  const spans = new ReferenceSpans(references);
  for (const site of index.recipes) {
    const { start, end } = site.line.range;
    if (end.line < range.start.line || start.line > range.end.line) continue;
    const instances = instancesAt(site.rule.recipe[0].range.start.line + 1);
    let tooltip: string | undefined;
    // The references within the recipe line: from the first that starts in it, in source order.
    for (
      let i = spans.firstFrom(start.line, start.character);
      i < spans.count && spans.startsBy(i, end.line, end.character);
      i++
    ) {
      const reference = references[i];
      if (reference.context !== 'recipe' || !spans.endsBy(i, end.line, end.character)) continue;
      const label = automaticValueLabel(reference.name, instances);
      if (!label) continue;
      tooltip ??= `make's value for ${instances.map((instance) => instance.target).join(', ')}`;
      hints.push({
        position: reference.range.end,
        label: shorten(label),
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip,
      });
    }
  }
  return hints;
}

function shorten(value: string): string {
  const line = value.split('\n')[0];
  return line.length > MAX_LABEL_CHARS || line !== value ? `${line.slice(0, MAX_LABEL_CHARS)}…` : value;
}

/**
 * Simple (`:=`) values computed from this file alone, in order: a name counts only while its one
 * definition so far is a plain global `:=` (anything else, and the hint says nothing).
 */
class StaticValues {
  private readonly values = new Map<string, string | undefined>();
  private readonly order: VariableDefinition[];
  private done = 0;
  private readonly file: string;
  private readonly directory: string;

  constructor(index: FileIndex) {
    this.order = index.variables;
    this.file = uriToPath(index.uri) ?? index.uri;
    this.directory = path.dirname(this.file);
  }

  valueAfter(definition: VariableDefinition): string | undefined {
    const at = this.order.indexOf(definition, this.done);
    for (; this.done <= at; this.done++) this.record(this.order[this.done]);
    return this.values.get(definition.name);
  }

  private record(definition: VariableDefinition): void {
    const statement = definition.statement;
    const simple =
      statement.type === 'assignment' &&
      !definition.targets &&
      !statement.define &&
      statement.modifiers.length === 0 &&
      (statement.operator === ':=' || statement.operator === '::=');
    const known = this.values.has(definition.name);
    this.values.set(definition.name, simple && !known ? this.expand(statement) : undefined);
  }

  private expand(statement: Assignment): string | undefined {
    // MAKEFILE_LIST depends on how make was started: only make can say.
    if (statement.value.includes('MAKEFILE_LIST')) return undefined;
    return expandStatically(statement.value, {
      lookup: (name) => {
        const value = this.values.get(name);
        return value === undefined ? undefined : { value, recursive: false };
      },
      currentFile: this.file,
      curdir: this.directory,
    });
  }
}
