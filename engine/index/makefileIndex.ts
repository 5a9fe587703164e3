// A SCIP index of the makefiles under a directory, from the workspace model the language server uses: every
// variable and target definition and reference as an occurrence, each name tied to its definitions the way
// Go to Definition ties them (symbolQueries), and a SymbolInformation with the definitions' source lines.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../parser/ast';
import { automaticVariableDoc } from '../analysis/makeBuiltinDocs';
import { targetDefinitions, variableDefinitions } from '../analysis/symbolQueries';
import { pathToUri, uriToPath } from '../analysis/uris';
import { findMakefiles, type ScanLimits } from '../analysis/workspaceScan';
import { WorkspaceModel } from '../analysis/workspaceModel';
import { PRODUCT_VERSION } from '../version';
import { compareReadingOrder, readingOrder } from './readingOrder';
import { targetSymbol, variableSymbol } from './scipSymbols';
import { lineOf, SymbolDocumentation, type Definition } from './symbolDocumentation';
import {
  PositionEncoding,
  SymbolRole,
  TextEncoding,
  type ScipDocument,
  type ScipIndex,
  type ScipOccurrence,
} from './scipTypes';

export interface MakefileIndexOptions {
  /** The directory indexed (absolute): the project root; documents are the makefiles under it. */
  root: string;
  /** The indexer's command line, kept in the metadata. */
  toolArguments?: string[];
  maxFileBytes?: number;
  includeDirs?: string[];
  limits?: ScanLimits;
}

export interface MakefileIndex {
  index: ScipIndex;
  /** What a reader should know: files not indexed, files not in UTF-8. */
  notes: string[];
}

const DEFAULT_LIMITS: ScanLimits = { maxFiles: 10_000, maxDirectories: 100_000 };

export async function indexMakefiles(options: MakefileIndexOptions): Promise<MakefileIndex> {
  const root = path.resolve(options.root);
  const found = (await findMakefiles([root], options.limits ?? DEFAULT_LIMITS)).sort();
  const model = new WorkspaceModel({
    maxFileBytes: options.maxFileBytes ?? 64 * 1048576,
    includeDirs: options.includeDirs ?? [],
  });
  for (const file of found) model.addKnownFile(file);
  const inside = (uri: string): string | undefined => {
    const filePath = uriToPath(uri);
    const relative = filePath && path.relative(root, filePath);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? relative.split(path.sep).join('/')
      : undefined;
  };
  const notes: string[] = [];
  // The makefiles found and every file they include that lies under the root (git's config.mak.uname).
  const documentUris = new Set<string>();
  for (const file of found) {
    const uri = pathToUri(file);
    const declined = model.index(uri) ? undefined : model.declinedReason(uri);
    if (declined) notes.push(declined);
    for (const member of model.project(uri)) if (inside(member.uri)) documentUris.add(member.uri);
  }
  const symbols = new SymbolNamer(model, root);
  const documentation = new SymbolDocumentation(model, root);
  // Every document's occurrences first: a symbol's information needs all its definitions.
  const occurrencesByUri = new Map(
    [...documentUris].sort().map((uri) => [uri, occurrencesOf(model, uri, symbols)] as const),
  );
  const documents: ScipDocument[] = [];
  for (const [uri, occurrences] of occurrencesByUri) {
    const relativePath = inside(uri) as string;
    const defined = new Set(occurrences.filter(isDefinition).map((occurrence) => occurrence.symbol));
    documents.push({
      relativePath,
      language: 'Makefile',
      // The parser's columns are JavaScript string offsets: UTF-16 code units.
      positionEncoding: PositionEncoding.UTF16CodeUnitOffsetFromLineStart,
      occurrences,
      // Each symbol's information goes with its first definition, in the order make reads the files.
      symbols: [...defined]
        .filter((symbol) => symbols.homeOf(symbol) === uri)
        .map((symbol) => documentation.of(symbol, symbols.definitionsOf(symbol))),
    });
    if (!isUtf8(readFileSync(uriToPath(uri) as string)))
      notes.push(
        `${relativePath} is not UTF-8: it was read as UTF-8, so columns after a bad byte may be off`,
      );
  }
  const index: ScipIndex = {
    metadata: {
      toolName: 'makescope',
      toolVersion: PRODUCT_VERSION,
      toolArguments: options.toolArguments ?? [],
      projectRoot: pathToUri(root),
      textDocumentEncoding: TextEncoding.UTF8,
    },
    documents,
  };
  return { index, notes };
}

const isDefinition = (occurrence: ScipOccurrence): boolean =>
  (occurrence.symbolRoles & SymbolRole.Definition) !== 0;

/** A name make can only know after expanding it (`$(OBJS)`, `OBJS-$(X)`) has no static symbol. */
const isStatic = (name: string): boolean => name !== '' && !name.includes('$');

function occurrencesOf(model: WorkspaceModel, uri: string, symbols: SymbolNamer): ScipOccurrence[] {
  const index = model.index(uri);
  if (!index) return [];
  const occurrences: ScipOccurrence[] = [];
  for (const definition of index.variables) {
    if (!isStatic(definition.name)) continue;
    const symbol = symbols.definedHere('variable', uri, definition.name, definition);
    occurrences.push(
      occurrence(definition.nameRange, symbol, SymbolRole.Definition, definition.statement.range),
    );
  }
  for (const reference of index.parsed.references) {
    const { name } = reference;
    if (reference.functionName || reference.computed || !isStatic(name) || automaticVariableDoc(name))
      continue;
    occurrences.push(occurrence(reference.nameRange, symbols.referred('variable', uri, name), 0));
  }
  for (const target of index.targets) {
    if (!isStatic(target.name)) continue;
    const symbol = symbols.definedHere('target', uri, target.name, target);
    occurrences.push(occurrence(target.word.range, symbol, SymbolRole.Definition, target.rule.range));
  }
  for (const prerequisite of index.prerequisites) {
    if (!isStatic(prerequisite.name)) continue;
    occurrences.push(
      occurrence(prerequisite.word.range, symbols.referred('target', uri, prerequisite.name), 0),
    );
  }
  return occurrences.sort(
    (a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.symbolRoles - b.symbolRoles,
  );
}

function occurrence(range: Range, symbol: string, symbolRoles: number, enclosing?: Range): ScipOccurrence {
  return {
    range: scipRange(range),
    symbol,
    symbolRoles,
    ...(enclosing ? { enclosingRange: scipRange(enclosing) } : {}),
  };
}

/** SCIP's three-element form on one line, four elements across lines. */
export function scipRange({ start, end }: Range): number[] {
  return start.line === end.line
    ? [start.line, start.character, end.character]
    : [start.line, start.character, end.line, end.character];
}

type NameKind = 'variable' | 'target';

/** Symbols of names: a definition belongs to its own project's root makefile; a reference to its definitions'. */
class SymbolNamer {
  private readonly roots = new Map<string, string>();
  private readonly referredCache = new Map<string, string>();
  private readonly definitions = new Map<string, Definition[]>();

  constructor(
    private readonly model: WorkspaceModel,
    private readonly root: string,
  ) {}

  definedHere(kind: NameKind, uri: string, name: string, definition: Definition): string {
    const symbol = this.symbol(kind, this.rootMakefileOf(uri), name);
    const list = this.definitions.get(symbol);
    if (list) list.push(definition);
    else this.definitions.set(symbol, [definition]);
    return symbol;
  }

  /** As Go to Definition answers: the project's definitions, else the workspace's; none: the own project's. */
  referred(kind: NameKind, uri: string, name: string): string {
    const key = `${kind}\0${this.rootMakefileOf(uri)}\0${name}`;
    let symbol = this.referredCache.get(key);
    if (symbol === undefined) {
      const first =
        kind === 'variable'
          ? variableDefinitions(this.model, uri, name)[0]
          : targetDefinitions(this.model, uri, name)[0];
      symbol = this.symbol(kind, this.rootMakefileOf(first?.uri ?? uri), name);
      this.referredCache.set(key, symbol);
    }
    return symbol;
  }

  /** Every definition of `symbol` in the indexed documents, in the order make reads them. */
  definitionsOf(symbol: string): Definition[] {
    const seen = this.definitions.get(symbol) ?? [];
    if (seen.length < 2) return seen;
    const order = readingOrder(this.model, seen[0].uri);
    const keyed = seen.map((definition) => ({ definition, key: order(definition.uri, lineOf(definition)) }));
    return keyed.sort((a, b) => compareReadingOrder(a.key, b.key)).map(({ definition }) => definition);
  }

  /** The document whose SymbolInformation holds `symbol`: the one with its first definition. */
  homeOf(symbol: string): string | undefined {
    return this.definitionsOf(symbol)[0]?.uri;
  }

  private symbol(kind: NameKind, rootMakefile: string, name: string): string {
    return kind === 'variable' ? variableSymbol(rootMakefile, name) : targetSymbol(rootMakefile, name);
  }

  /** The makefile make starts from when it reads `uri`, relative to the index root. */
  private rootMakefileOf(uri: string): string {
    let shown = this.roots.get(uri);
    if (shown === undefined) {
      const rootUri = this.model.project(uri)[0]?.uri ?? uri;
      const filePath = uriToPath(rootUri) ?? rootUri;
      shown = path.relative(this.root, filePath).split(path.sep).join('/');
      this.roots.set(uri, shown);
    }
    return shown;
  }
}
