// Which SCIP symbol each variable or target occurrence names, per make program (root makefile) reading the file.
// A file two root makefiles include (git's shared.mak) is read by both, so its names get a symbol in each.
import * as path from 'node:path';
import { targetDefinitions, variableDefinitions } from '../analysis/symbolQueries';
import { uriToPath } from '../analysis/uris';
import type { WorkspaceModel } from '../analysis/workspaceModel';
import { compareReadingOrder, readingOrder } from './readingOrder';
import { targetSymbol, variableSymbol } from './scipSymbols';
import { lineOf, type Definition } from './symbolDocumentation';

export type NameKind = 'variable' | 'target';

export class SymbolNamer {
  private readonly rootsOfFile = new Map<string, string[]>();
  private readonly referredCache = new Map<string, string>();
  private readonly definitions = new Map<string, Definition[]>();
  private readonly sorted = new Set<string>();
  private readonly homes = new Map<string, string>();

  /** `roots`: the root makefiles (URIs) of the index, each the start of one make program. */
  constructor(
    private readonly model: WorkspaceModel,
    private readonly root: string,
    roots: readonly string[],
  ) {
    for (const rootUri of roots)
      for (const file of model.project(rootUri)) {
        const list = this.rootsOfFile.get(file.uri);
        if (list) list.push(rootUri);
        else this.rootsOfFile.set(file.uri, [rootUri]);
      }
  }

  /** The root makefiles whose make reads `uri` (the model's own choice when none of the index's does). */
  rootsOf(uri: string): string[] {
    return this.rootsOfFile.get(uri) ?? [this.model.project(uri)[0]?.uri ?? uri];
  }

  /** The symbol a definition in a file read by `rootUri` defines; remembered for the symbol's documentation. */
  defined(kind: NameKind, rootUri: string, definition: Definition): string {
    const symbol = this.symbol(kind, rootUri, definition.name);
    const list = this.definitions.get(symbol);
    if (list) list.push(definition);
    else {
      this.definitions.set(symbol, [definition]);
      this.homes.set(symbol, rootUri);
    }
    return symbol;
  }

  /**
   * The symbol a reference names in the make of `rootUri`, found as Go to Definition finds it: the program's
   * definitions, else the workspace's (the root of the first one); none: the program's own undefined name.
   */
  referred(kind: NameKind, rootUri: string, name: string): string {
    const key = `${kind}\0${rootUri}\0${name}`;
    let symbol = this.referredCache.get(key);
    if (symbol === undefined) {
      const first =
        kind === 'variable'
          ? variableDefinitions(this.model, rootUri, name)[0]
          : targetDefinitions(this.model, rootUri, name)[0];
      const owner =
        !first || this.rootsOf(first.uri).includes(rootUri) ? rootUri : this.rootsOf(first.uri)[0];
      symbol = this.symbol(kind, owner, name);
      this.referredCache.set(key, symbol);
    }
    return symbol;
  }

  /** Every definition of `symbol` in the indexed documents, in the order its make reads them. */
  definitionsOf(symbol: string): Definition[] {
    const seen = this.definitions.get(symbol) ?? [];
    if (seen.length < 2 || this.sorted.has(symbol)) return seen;
    const order = readingOrder(this.model, this.homes.get(symbol) as string);
    const keyed = seen.map((definition) => ({ definition, key: order(definition.uri, lineOf(definition)) }));
    keyed.sort((a, b) => compareReadingOrder(a.key, b.key));
    seen.splice(0, seen.length, ...keyed.map(({ definition }) => definition));
    this.sorted.add(symbol);
    return seen;
  }

  /** The document whose SymbolInformation holds `symbol`: the one with its first definition. */
  homeOf(symbol: string): string | undefined {
    return this.definitionsOf(symbol)[0]?.uri;
  }

  private symbol(kind: NameKind, rootUri: string, name: string): string {
    const filePath = uriToPath(rootUri) ?? rootUri;
    const rootMakefile = path.relative(this.root, filePath).split(path.sep).join('/');
    return kind === 'variable' ? variableSymbol(rootMakefile, name) : targetSymbol(rootMakefile, name);
  }
}
