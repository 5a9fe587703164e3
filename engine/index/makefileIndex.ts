// A SCIP index of the makefiles under a directory, from the workspace model the language server uses: every
// variable and target definition and reference as an occurrence, each name tied to its definitions the way
// Go to Definition ties them (symbolQueries), and a SymbolInformation with the definitions' source lines.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../parser/ast';
import { automaticVariableDoc } from '../analysis/makeBuiltinDocs';
import { pathToUri, uriToPath } from '../analysis/uris';
import { findMakefiles, type ScanLimits } from '../analysis/workspaceScan';
import { WorkspaceModel } from '../analysis/workspaceModel';
import { PRODUCT_VERSION } from '../version';
import { SymbolDocumentation } from './symbolDocumentation';
import { SymbolNamer } from './symbolNamer';
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
  // The root makefiles: the files no other file includes, each where one make program starts.
  const roots = [...documentUris].filter((uri) => model.project(uri)[0]?.uri === uri);
  const symbols = new SymbolNamer(model, root, roots);
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
    if (!isUtf8(readBytes(uriToPath(uri) as string)))
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

/** The file's bytes; none when it vanished since it was read (nothing to warn about then). */
function readBytes(filePath: string): Buffer {
  try {
    return readFileSync(filePath);
  } catch {
    return Buffer.alloc(0);
  }
}

const isDefinition = (occurrence: ScipOccurrence): boolean =>
  (occurrence.symbolRoles & SymbolRole.Definition) !== 0;

/** A name make can only know after expanding it (`$(OBJS)`, `OBJS-$(X)`) has no static symbol. */
const isStatic = (name: string): boolean => name !== '' && !name.includes('$');

function occurrencesOf(model: WorkspaceModel, uri: string, symbols: SymbolNamer): ScipOccurrence[] {
  const index = model.index(uri);
  if (!index) return [];
  const occurrences: ScipOccurrence[] = [];
  for (const rootUri of symbols.rootsOf(uri)) {
    for (const definition of index.variables) {
      if (!isStatic(definition.name)) continue;
      const symbol = symbols.defined('variable', rootUri, definition);
      occurrences.push(
        occurrence(definition.nameRange, symbol, SymbolRole.Definition, definition.statement.range),
      );
    }
    for (const reference of index.parsed.references) {
      const { name } = reference;
      if (reference.functionName || reference.computed || !isStatic(name) || automaticVariableDoc(name))
        continue;
      occurrences.push(occurrence(reference.nameRange, symbols.referred('variable', rootUri, name), 0));
    }
    for (const target of index.targets) {
      if (!isStatic(target.name)) continue;
      const symbol = symbols.defined('target', rootUri, target);
      occurrences.push(occurrence(target.word.range, symbol, SymbolRole.Definition, target.rule.range));
    }
    for (const prerequisite of index.prerequisites) {
      if (!isStatic(prerequisite.name)) continue;
      const symbol = symbols.referred('target', rootUri, prerequisite.name);
      occurrences.push(occurrence(prerequisite.word.range, symbol, 0));
    }
  }
  return occurrences.sort(
    (a, b) =>
      a.range[0] - b.range[0] ||
      a.range[1] - b.range[1] ||
      a.symbolRoles - b.symbolRoles ||
      (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0),
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
