// The workspace model: every known Makefile (open or on disk), parsed once per version, linked by includes.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseMakefile } from '../parser/parser';
import type { ParsedMakefile } from '../parser/ast';
import { buildFileIndex, type FileIndex, type IncludeSite } from './fileIndex';
import { resolveIncludePath } from './includeResolver';
import { findSubMakes, type SubMakeCall } from './subMakes';
import { normalizeUri, pathToUri, uriToPath } from './uris';

export interface ModelOptions {
  /** Files above this size are not parsed (the server says so instead). */
  maxFileBytes: number;
  /** Directories searched for includes, as make's `-I`. */
  includeDirs: readonly string[];
}

export interface ResolvedInclude {
  site: IncludeSite;
  /** The file make would read, when it can be known statically. */
  targetUri?: string;
}

export interface ResolvedSubMake extends SubMakeCall {
  /** The makefile of the sub-directory, when one exists. */
  targetUri?: string;
}

interface FileState {
  uri: string;
  text?: string;
  /** Editor version for open documents; undefined for files read from disk. */
  version?: number;
  /** The parse alone, for answers that need no index (the outline, folding): the first one comes sooner. */
  parsed?: ParsedMakefile;
  index?: FileIndex;
  includes?: ResolvedInclude[];
  /** Include targets resolved from the file's own directory, for finding who includes whom. */
  localIncludes?: string[];
  declined?: string;
}

const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

export class WorkspaceModel {
  private readonly files = new Map<string, FileState>();
  /** Bumped on every change, so derived caches know when to recompute. */
  private generation = 0;
  private projectCache = new Map<string, { generation: number; files: FileIndex[] }>();
  private includerCache: { generation: number; includers: Map<string, string> } | undefined;

  constructor(private options: ModelOptions) {}

  configure(options: ModelOptions): void {
    this.options = options;
    for (const state of this.files.values()) {
      state.includes = undefined;
      state.localIncludes = undefined;
    }
    this.touch();
  }

  get changeCount(): number {
    return this.generation;
  }

  openDocument(uri: string, text: string, version: number): void {
    const key = normalizeUri(uri);
    this.files.set(key, { uri: key, text, version });
    this.touch();
  }

  closeDocument(uri: string): void {
    const key = normalizeUri(uri);
    // Fall back to the file on disk: other files may still include it.
    this.files.set(key, { uri: key });
    this.touch();
  }

  /** A file changed, appeared or vanished on disk; open documents keep the editor's text. */
  fileChangedOnDisk(uri: string): void {
    const key = normalizeUri(uri);
    const state = this.files.get(key);
    if (state?.version === undefined) this.files.set(key, { uri: key });
    // A file that appeared or vanished can change where any include points.
    for (const other of this.files.values()) {
      other.includes = undefined;
      other.localIncludes = undefined;
    }
    this.touch();
  }

  /** Registers a file found by the workspace scan, to be parsed when first needed. */
  addKnownFile(filePath: string): void {
    const key = pathToUri(filePath);
    if (!this.files.has(key)) {
      this.files.set(key, { uri: key });
      this.touch();
    }
  }

  isOpen(uri: string): boolean {
    return this.files.get(normalizeUri(uri))?.version !== undefined;
  }

  /** Why a file is not analysed (too large, unreadable), if it is not. */
  declinedReason(uri: string): string | undefined {
    this.index(uri);
    return this.files.get(normalizeUri(uri))?.declined;
  }

  index(uri: string): FileIndex | undefined {
    const state = this.state(uri);
    if (state.index) return state.index;
    const parsed = this.parse(state);
    if (!parsed) return undefined;
    state.index = buildFileIndex(state.uri, parsed);
    return state.index;
  }

  /** The file's syntax tree, without building its index (the same tree its index holds). */
  parsed(uri: string): ParsedMakefile | undefined {
    return this.parse(this.state(uri));
  }

  private state(uri: string): FileState {
    const key = normalizeUri(uri);
    let state = this.files.get(key);
    if (!state) {
      state = { uri: key };
      this.files.set(key, state);
    }
    return state;
  }

  private parse(state: FileState): ParsedMakefile | undefined {
    if (state.index) return state.index.parsed;
    if (state.parsed) return state.parsed;
    if (state.declined) return undefined;
    const text = state.text ?? this.readFromDisk(state);
    if (text === undefined) return undefined;
    if (text.length > this.options.maxFileBytes) {
      state.declined = tooLarge(state.uri, text.length, this.options.maxFileBytes);
      return undefined;
    }
    state.parsed = parseMakefile(text);
    return state.parsed;
  }

  text(uri: string): string | undefined {
    const key = normalizeUri(uri);
    const state = this.files.get(key);
    if (state?.text !== undefined) return state.text;
    return state ? this.readFromDisk(state) : undefined;
  }

  /** Every known file that can be analysed (open documents and files found on disk). */
  allIndexes(): FileIndex[] {
    const result: FileIndex[] = [];
    for (const uri of [...this.files.keys()]) {
      const index = this.index(uri);
      if (index) result.push(index);
    }
    return result;
  }

  includesOf(uri: string): ResolvedInclude[] {
    const key = normalizeUri(uri);
    const index = this.index(key);
    const state = this.files.get(key);
    if (!index || !state) return [];
    if (state.includes) return state.includes;
    const filePath = uriToPath(key);
    if (!filePath) return (state.includes = index.includes.map((site) => ({ site })));
    const curdir = path.dirname(uriToPath(this.rootOf(key)) ?? filePath);
    state.includes = index.includes.map((site) => {
      const resolved = resolveIncludePath(site.word.text, {
        curdir,
        currentFile: filePath,
        includingDir: path.dirname(filePath),
        includeDirs: this.options.includeDirs,
        lookup: (name) => this.lookupStatic(index, name),
      });
      return { site, targetUri: resolved ? pathToUri(resolved) : undefined };
    });
    return state.includes;
  }

  subMakesOf(uri: string): ResolvedSubMake[] {
    const index = this.index(uri);
    const filePath = uriToPath(normalizeUri(uri));
    if (!index || !filePath) return [];
    return findSubMakes(index.recipes).map((call) => {
      const dir = path.resolve(path.dirname(filePath), call.directory);
      const makefile = MAKEFILE_NAMES.map((name) => path.join(dir, name)).find(isFile);
      return { ...call, targetUri: makefile ? pathToUri(makefile) : undefined };
    });
  }

  /**
   * The files make reads together with `uri`: the makefiles that include it (up to the root)
   * and everything they include, in reading order as far as it is known.
   */
  project(uri: string): FileIndex[] {
    const root = this.rootOf(normalizeUri(uri));
    const cached = this.projectCache.get(root);
    if (cached && cached.generation === this.generation) return cached.files;
    const files: FileIndex[] = [];
    const seen = new Set<string>();
    const walk = (current: string): void => {
      if (seen.has(current)) return;
      seen.add(current);
      const index = this.index(current);
      if (!index) return;
      files.push(index);
      for (const include of this.includesOf(current)) if (include.targetUri) walk(include.targetUri);
    };
    walk(root);
    if (!seen.has(normalizeUri(uri))) walk(normalizeUri(uri));
    this.projectCache.set(root, { generation: this.generation, files });
    return files;
  }

  /** The outermost makefile that (transitively) includes `uri`, or `uri` itself. */
  private rootOf(uri: string): string {
    let current = uri;
    const seen = new Set<string>([current]);
    for (;;) {
      const includer = this.findIncluder(current);
      if (!includer || seen.has(includer)) return current;
      seen.add(includer);
      current = includer;
    }
  }

  private findIncluder(uri: string): string | undefined {
    if (this.includerCache?.generation !== this.generation) {
      const includers = new Map<string, string>();
      for (const candidate of [...this.files.keys()]) {
        for (const target of this.localIncludeTargets(candidate)) {
          if (target !== candidate && !includers.has(target)) includers.set(target, candidate);
        }
      }
      this.includerCache = { generation: this.generation, includers };
    }
    return this.includerCache.includers.get(uri);
  }

  /** Include targets resolved with the file's own directory as cwd (no root lookup, so no recursion). */
  private localIncludeTargets(uri: string): string[] {
    const state = this.files.get(uri);
    const index = this.index(uri);
    const filePath = uriToPath(uri);
    if (!state || !index || !filePath) return [];
    if (state.localIncludes) return state.localIncludes;
    const result: string[] = [];
    for (const site of index.includes) {
      const resolved = resolveIncludePath(site.word.text, {
        curdir: path.dirname(filePath),
        currentFile: filePath,
        includingDir: path.dirname(filePath),
        includeDirs: this.options.includeDirs,
        lookup: (name) => this.lookupStatic(index, name),
      });
      if (resolved) result.push(pathToUri(resolved));
    }
    return (state.localIncludes = result);
  }

  /** The last global definition of `name` in the file, as make would see it after reading the file. */
  private lookupStatic(index: FileIndex, name: string): { value: string; recursive: boolean } | undefined {
    let found: { value: string; recursive: boolean } | undefined;
    for (const definition of index.variables) {
      if (definition.name !== name || definition.targets || definition.statement.type !== 'assignment')
        continue;
      const { operator, value } = definition.statement;
      if (operator === '!=') return undefined;
      if (operator === '?=' && found) continue;
      if (operator === '+=' && found)
        found = { value: `${found.value} ${value}`, recursive: found.recursive };
      // A simple variable holds its text expanded where it is set; expanding it here is the nearest
      // static answer (kbuild's `srctree := $(if $(KBUILD_SRC),$(KBUILD_SRC),$(CURDIR))`).
      else found = { value, recursive: true };
    }
    return found;
  }

  private readFromDisk(state: FileState): string | undefined {
    const filePath = uriToPath(state.uri);
    if (!filePath) return undefined;
    try {
      const info = statSync(filePath);
      // A FIFO would block the server forever and a link to /dev/zero would fill its memory.
      if (!info.isFile()) return undefined;
      const size = info.size;
      if (size > this.options.maxFileBytes) {
        state.declined = tooLarge(state.uri, size, this.options.maxFileBytes);
        return undefined;
      }
      return readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
  }

  private touch(): void {
    this.generation++;
  }
}

function tooLarge(uri: string, size: number, limit: number): string {
  const name = path.basename(uriToPath(uri) ?? uri);
  const megabytes = (bytes: number): string => (bytes / 1048576).toFixed(1);
  return `${name} is ${megabytes(size)} MB, above the ${megabytes(limit)} MB limit (setting makescope.maxFileSizeMB): it is not analysed.`;
}

function isFile(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}
