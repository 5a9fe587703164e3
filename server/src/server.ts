// The language server: capabilities, document tracking and the binding of every handler in one place.
import {
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type InlayHint,
  type Position,
  type Range,
  type SemanticTokens,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { locate, recipeRuleAt, recipeTargetAt } from '../../engine/analysis/locate';
import { pathToUri, uriToPath } from '../../engine/analysis/uris';
import { findMakefiles } from '../../engine/analysis/workspaceScan';
import { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { diagnostics } from './features/diagnostics';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { documentFormatting, rangeFormatting } from './features/formatting';
import { hover, variableAt, type HoverResolved } from './features/hover';
import { listTargets } from '../../engine/analysis/listTargets';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { workspaceSymbols } from './features/workspaceSymbols';
import { parallelDiagnosticsFor, parallelQuickFixes } from './features/parallelDiagnostics';
import { registerParallelDiffHandler } from './probeRequests/parallelDiffHandler';
import { registerAuditHandler } from './probeRequests/auditHandler';
import { registerTimelineHandler } from './probeRequests/timelineHandler';
import { auditDiagnosticsFor, auditQuickFixes } from './features/auditDiagnostics';
import type { AuditFinding } from '../../engine/audit/auditTypes';
import type { ParallelFinding } from '../../engine/parallel/parallelTypes';
import { serializeOnce } from './preserialized';
import { registerProbeHandlers } from './probeRequests/probeHandlers';
import { ProbeRequests } from './probeRequests/probeRequest';
import { ListTargetsRequest } from '../../contract/protocol';
import { FolderSettings } from './folderSettings';
import { RecipeShellDiagnostics } from './recipeShellDiagnostics';
import { HOVER_BUDGET_MS, HoverValues, withBudget } from './probeRequests/hoverValues';
import { IncludingMakefile } from './includingMakefile';
import { makeRunLine } from '../../contract/wording/makeRunLine';
import { inlayHints, type InlayHintSources } from './features/inlayHints';
import { semanticTokens } from './features/semanticTokens';
import { tokensInLines } from './features/tokenList';
import { VersionedAnswers } from './versionedAnswers';
import { documentHighlights } from './features/documentHighlights';
import { signatureHelp, SIGNATURE_TRIGGER_CHARACTERS } from './features/signatureHelp';
import { selectionRanges } from './features/selectionRanges';
import { ON_TYPE_FIRST_TRIGGER, recipePrefixOnEnter } from './features/onTypeFormatting';
import { SEMANTIC_TOKENS_LEGEND } from './features/semanticTokenLegend';
import { boundNames, definedNames } from '../../engine/analysis/variableNames';
import { ruleInstances } from '../../engine/probes/automaticVariables';
import type { FileIndex } from '../../engine/analysis/fileIndex';
import * as path from 'node:path';
import { RuleAutomatics } from './probeRequests/ruleAutomatics';
import { TargetDepthTables } from './targetDepthTables';
import { isDepthHintData, resolveDepthHint, type DepthSource } from './features/targetDepthHints';
import type { RuleInstance } from '../../engine/probes/automaticVariables';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, validateSettings, type Settings } from '../../contract/settings';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../engine/version';

const DIAGNOSTICS_DELAY_MS = 150;
/** How long an inlay hint request waits for make before answering with what it has. */
const INLAY_HINT_WAIT_MS = 300;
/** Inlay hints keep make's project run going: its answer refreshes them. */
const NEVER_CANCELLED = new AbortController().signal;
const SCAN_LIMITS = { maxFiles: 5000, maxDirectories: 20000 };

/** A value that stops make when expanded. */
const STOPS_MAKE = /\$[({]error\b/;

export class MakescopeServer {
  private readonly documents = new TextDocuments(TextDocument);
  private settings: Settings = DEFAULT_SETTINGS;
  readonly model = new WorkspaceModel(modelOptions(DEFAULT_SETTINGS));
  private readonly pendingDiagnostics = new Map<string, NodeJS.Timeout>();
  private workspaceFolders: string[] = [];
  private canPullConfiguration = false;
  /** VS Code sends workspace/didChangeConfiguration only to a server that registered for it. */
  private canRegisterConfigurationChange = false;
  /** The client re-asks for inlay hints on workspace/inlayHint/refresh (make's values came late). */
  private canRefreshInlayHints = false;
  private readonly environment = new Set(Object.keys(process.env));
  /** Probes run make, which runs the Makefile's code: only in a workspace the user trusts. */
  private trusted = true;
  /** Settings per workspace folder (resource-scoped ones differ between folders), pulled when first needed. */
  private readonly folderSettings = new FolderSettings(
    () => (this.canPullConfiguration ? this.connection.workspace : undefined),
    () => this.workspaceFolders,
    () => this.settings,
  );
  /** The settings pull in flight (or done): probes read settings only after it. */
  private settingsLoad: Promise<void> = Promise.resolve();
  private readonly semanticAnswers = new VersionedAnswers<SemanticTokens>();
  private readonly inlayHintAnswers = new VersionedAnswers<InlayHint[]>();
  private readonly targetDepths = new TargetDepthTables();
  /** A number per document that depth hints carry, and the depths its hints were last made of (for resolve). */
  private readonly depthDocuments = new Map<string, number>();
  private readonly depthSources = new Map<number, DepthSource>();
  /** make's values for hovers, through the probe runner's door (set up with it in register()). */
  private hoverValues?: HoverValues;
  /** make's database for the automatic variables of a recipe, through the same door (set up in register()). */
  private ruleAutomatics?: RuleAutomatics;
  /** The hover waiting for make's values: a newer hover, its cancellation or closing its document stops it. */
  private liveHover?: { uri: string; controller: AbortController };
  /** Ids of parsed files: make's values stay cached while the project's files and the settings are the same. */
  private readonly indexIds = new WeakMap<object, number>();
  private nextIndexId = 0;
  /** Race findings of the last serial/parallel comparison, shown as diagnostics on the rules. */
  private parallelFindings: ParallelFinding[] = [];
  private auditFindings: AuditFinding[] = [];
  /** MS201/MS202: the recipes checked by the shell and shellcheck after the static diagnostics. */
  private readonly recipeShells = new RecipeShellDiagnostics((line) => this.connection.console.log(line));
  /** The makefile make reads a file with: make is asked about a fragment only once the scan found its includer. */
  private readonly including = new IncludingMakefile(this.model);

  constructor(private readonly connection: Connection) {}

  capabilities(): ServerCapabilities {
    return {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['$', '(', '{'] },
      renameProvider: { prepareProvider: true },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentLinkProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: true },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
      documentHighlightProvider: true,
      signatureHelpProvider: { triggerCharacters: SIGNATURE_TRIGGER_CHARACTERS },
      selectionRangeProvider: true,
      documentOnTypeFormattingProvider: { firstTriggerCharacter: ON_TYPE_FIRST_TRIGGER },
    };
  }

  initialize(params: InitializeParams): InitializeResult {
    this.canPullConfiguration = params.capabilities.workspace?.configuration === true;
    this.canRegisterConfigurationChange =
      params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    const options = params.initializationOptions as { trusted?: unknown } | undefined;
    this.trusted = options?.trusted !== false;
    const folders = params.workspaceFolders?.map((folder) => uriToPath(folder.uri)) ?? [
      params.rootUri ? uriToPath(params.rootUri) : undefined,
    ];
    this.workspaceFolders = folders.filter((folder): folder is string => folder !== undefined);
    return {
      capabilities: this.capabilities(),
      serverInfo: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
    };
  }

  register(): void {
    const { connection, documents, model } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.afterInitialized());
    // Pulled now; a probe handled after this notification waits for the pull (see probeContext).
    connection.onDidChangeConfiguration(() => {
      this.folderSettings.forget();
      this.settingsLoad = this.loadSettings();
    });
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) model.fileChangedOnDisk(change.uri);
      this.refreshAllDiagnostics();
    });

    // One outline per parsed version, never mutated: over stdio its JSON is computed once, then reused.
    // The parse alone: the index is built when a request needs it (the diagnostics after a pause).
    connection.onDocumentSymbol(({ textDocument }) => {
      const parsed = model.parsed(textDocument.uri);
      return parsed ? serializeOnce(documentSymbols(parsed)) : [];
    });
    connection.onWorkspaceSymbol(({ query }) => workspaceSymbols(model, query));
    connection.onDefinition(({ textDocument, position }) => definition(model, textDocument.uri, position));
    connection.onReferences(({ textDocument, position, context }) =>
      references(model, textDocument.uri, position, context.includeDeclaration),
    );
    connection.onHover(async ({ textDocument, position }, token) => {
      const uri = textDocument.uri;
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        const [resolved, instances] = await Promise.all([
          this.resolvedFor(uri, position, controller),
          this.automaticsFor(uri, position, controller.signal),
        ]);
        return hover(model, uri, position, resolved, instances);
      } finally {
        cancel.dispose();
      }
    });
    connection.languages.semanticTokens.on(({ textDocument }) => this.semanticTokensFor(textDocument.uri));
    connection.languages.semanticTokens.onRange(({ textDocument, range }) =>
      this.semanticTokensFor(textDocument.uri, range),
    );
    connection.languages.inlayHint.on(({ textDocument, range }) =>
      this.inlayHintsFor(textDocument.uri, range),
    );
    connection.languages.inlayHint.resolve((hint) =>
      isDepthHintData(hint.data) ? resolveDepthHint(hint, this.depthSources.get(hint.data[0])) : hint,
    );
    connection.onCodeLens(({ textDocument }) => {
      const index = this.settings.codeLens && this.trusted ? model.index(textDocument.uri) : undefined;
      return index ? codeLenses(index) : [];
    });
    connection.onRequest(ListTargetsRequest, ({ uri }) => {
      const target = uri ?? (this.workspaceFolders[0] ? pathToUri(this.workspaceFolders[0]) : undefined);
      return target ? listTargets(model, target) : { targets: [] };
    });
    connection.onCompletion(({ textDocument, position }) => completion(model, textDocument.uri, position));
    connection.onPrepareRename(({ textDocument, position }) =>
      prepareRename(model, textDocument.uri, position),
    );
    connection.onRenameRequest(({ textDocument, position, newName }) =>
      rename(model, textDocument.uri, position, newName),
    );
    connection.onFoldingRanges(({ textDocument }) => {
      const parsed = model.parsed(textDocument.uri);
      return parsed ? foldingRanges(parsed) : [];
    });
    connection.onDocumentHighlight(({ textDocument, position }) => {
      const index = model.index(textDocument.uri);
      return index ? documentHighlights(index, position) : [];
    });
    connection.onSignatureHelp(({ textDocument, position }) => {
      const index = model.index(textDocument.uri);
      const document = documents.get(textDocument.uri);
      return index && document ? signatureHelp(index, document, position) : null;
    });
    connection.onSelectionRanges(({ textDocument, positions }) => {
      const index = model.index(textDocument.uri);
      const text = model.text(textDocument.uri);
      return index && text !== undefined ? selectionRanges(index, lines(text), positions) : [];
    });
    connection.onDocumentOnTypeFormatting(({ textDocument, position }) => {
      const index = model.index(textDocument.uri);
      const text = model.text(textDocument.uri);
      return index && text !== undefined ? recipePrefixOnEnter(index, lines(text), position) : [];
    });
    connection.onDocumentFormatting(({ textDocument, options }) => {
      const document = documents.get(textDocument.uri);
      return document ? documentFormatting(document.getText(), options) : [];
    });
    connection.onDocumentRangeFormatting(({ textDocument, range }) => {
      const document = documents.get(textDocument.uri);
      return document ? rangeFormatting(document.getText(), range) : [];
    });
    const probeContext = {
      settings: (uri?: string) => this.settingsLoad.then(() => this.folderSettings.for(uri)),
      workspaceFolders: () => this.workspaceFolders,
      isTrusted: () => this.trusted,
    };
    // One runner for every probe request, so two never run make in one folder at once.
    const requests = new ProbeRequests(connection, probeContext);
    this.hoverValues = new HoverValues(requests.runs, (runs) => {
      for (const run of runs) connection.console.log(`Makescope: hover values: ${makeRunLine(run)}`);
    });
    this.ruleAutomatics = new RuleAutomatics(requests.runs, (runs) => {
      for (const run of runs) connection.console.log(`Makescope: automatic variables: ${makeRunLine(run)}`);
    });
    registerProbeHandlers(requests, connection);
    registerParallelDiffHandler(requests, connection, {
      ...probeContext,
      onResult: (result) => {
        this.parallelFindings = result.findings;
        this.refreshAllDiagnostics();
      },
    });
    registerAuditHandler(requests, connection, {
      ...probeContext,
      onResult: (result) => {
        this.auditFindings = result.findings;
        this.refreshAllDiagnostics();
      },
    });
    registerTimelineHandler(requests, connection);
    connection.onDocumentLinks(({ textDocument }) => documentLinks(model, textDocument.uri));
    connection.onCodeAction(({ textDocument, context }) => [
      ...codeActions(model, textDocument.uri, context.diagnostics),
      ...parallelQuickFixes(context.diagnostics),
      ...auditQuickFixes(context.diagnostics),
    ]);

    documents.onDidOpen(({ document }) => this.documentChanged(document));
    documents.onDidChangeContent(({ document }) => this.documentChanged(document));
    documents.onDidClose(({ document }) => {
      model.closeDocument(document.uri);
      if (this.liveHover?.uri === document.uri) this.liveHover.controller.abort();
      this.cancelDiagnostics(document.uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    });
    documents.listen(connection);
  }

  /** Parsing is lazy: a keystroke only records the text; diagnostics follow after a short pause. */
  private documentChanged(document: TextDocument): void {
    this.model.openDocument(document.uri, document.getText(), document.version);
    this.scheduleDiagnostics(document.uri);
  }

  private scheduleDiagnostics(uri: string): void {
    this.cancelDiagnostics(uri);
    this.pendingDiagnostics.set(
      uri,
      setTimeout(() => {
        this.pendingDiagnostics.delete(uri);
        void this.publishDiagnostics(uri);
      }, DIAGNOSTICS_DELAY_MS),
    );
  }

  private cancelDiagnostics(uri: string): void {
    const timer = this.pendingDiagnostics.get(uri);
    if (timer) clearTimeout(timer);
    this.pendingDiagnostics.delete(uri);
    this.recipeShells.abort(uri);
  }

  private refreshAllDiagnostics(): void {
    for (const document of this.documents.all()) this.scheduleDiagnostics(document.uri);
  }

  private async publishDiagnostics(uri: string): Promise<void> {
    const version = this.documents.get(uri)?.version;
    if (version === undefined) return;
    await this.settingsLoad;
    const { lint } = await this.folderSettings.for(uri);
    const lintOptions = { environment: this.environment, rules: lint.rules };
    if (!this.documents.get(uri)) return;
    const declined = this.model.declinedReason(uri);
    const result: Diagnostic[] = declined
      ? [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: declined,
            severity: DiagnosticSeverity.Information,
            source: 'makescope',
          },
        ]
      : [
          ...diagnostics(this.model, uri, lintOptions),
          ...parallelDiagnosticsFor(this.parallelFindings, uri, this.documents.get(uri)?.getText() ?? ''),
          ...auditDiagnosticsFor(this.auditFindings, uri, this.documents.get(uri)?.getText() ?? ''),
        ];
    await this.connection.sendDiagnostics({ uri, diagnostics: result });
    if (declined) return;
    const gate = { trusted: this.trusted, enabled: lint.recipeShellCheck };
    const shells = await this.recipeShells.check(this.model, uri, gate, lintOptions);
    // Not aborted and the same version: no newer edit, close or refresh since, so `result` still holds.
    if (shells && this.documents.get(uri)?.version === version)
      await this.connection.sendDiagnostics({ uri, diagnostics: [...result, ...shells] });
  }

  /** What make's values depend on that the server sees: the project's parsed files and the settings. */
  private resolvedValuesKey(files: readonly object[], settings: Settings): string {
    const ids = files.map((file) => {
      let id = this.indexIds.get(file);
      if (id === undefined) this.indexIds.set(file, (id = ++this.nextIndexId));
      return id;
    });
    const { makePath, sandbox, environment, extraArgs } = settings;
    return JSON.stringify([ids, makePath, sandbox, environment, extraArgs]);
  }

  /** make's own values for the variable under the cursor (and its recipe's target), when allowed. */
  private async resolvedFor(
    uri: string,
    position: Position,
    controller: AbortController,
  ): Promise<HoverResolved | undefined> {
    const started = await this.startResolving(uri, position, controller.signal);
    // After the new hover joined the make runs it wants, so a run both want goes on.
    this.liveHover?.controller.abort();
    this.liveHover = { uri, controller };
    return started === 'scanning' ? started : started?.answer;
  }

  /** Starts (or joins) the make runs for the hover's values, without waiting for their answer. */
  private async startResolving(
    uri: string,
    position: Position,
    signal: AbortSignal,
  ): Promise<{ answer: Promise<HoverResolved> } | 'scanning' | undefined> {
    if (!this.trusted || !this.hoverValues) return undefined;
    const located = variableAt(this.model, uri, position);
    const index = this.model.index(uri);
    if (!located || !index || located.name.includes('$')) return undefined;
    const context = await this.including.of(uri, HOVER_BUDGET_MS, signal);
    if (context === 'scanning') return this.settings.resolvedHovers ? context : undefined;
    if (!context) return undefined;
    await this.settingsLoad;
    const settings = await this.folderSettings.for(uri);
    if (!settings.resolvedHovers) return undefined;
    const { files, makefile } = context;
    const target = recipeTargetAt(index, position);
    const generation = this.resolvedValuesKey(files, settings);
    return {
      answer: this.hoverValues.lookup(generation, makefile, located.name, target, signal, () =>
        projectNames(files),
      ),
    };
  }

  /**
   * The document's tokens, kept per parse and model generation (whether a name counts as defined depends
   * on every known makefile) and serialized once; a range is cut from them.
   */
  private semanticTokensFor(uri: string, range?: Range): SemanticTokens {
    const index = this.model.index(uri);
    const text = this.model.text(uri);
    if (!index || text === undefined) return { data: [] };
    const whole = this.semanticAnswers.get(index, [this.model.changeCount], () => {
      const defined = definedNames(this.model);
      const bound = boundNames(index);
      const context = {
        defined: (name: string) => defined.has(name) || bound.has(name),
        environment: this.environment,
      };
      return serializeOnce(semanticTokens(index, text, context));
    });
    return range ? { data: tokensInLines(whole.data, range.start.line, range.end.line) } : whole;
  }

  /** Inlay hints with what make has answered so far; when make answers later, the client is asked to fetch them again. */
  private async inlayHintsFor(uri: string, range: Range): Promise<InlayHint[]> {
    const index = this.model.index(uri);
    if (!index) return [];
    await this.settingsLoad;
    const settings = await this.folderSettings.for(uri);
    const sources: InlayHintSources = { settings: settings.inlayHints };
    const context = await this.including.of(uri, INLAY_HINT_WAIT_MS);
    // Until the scan found this file's includer, make is not asked (static values are shown); then again.
    if (context === 'scanning') void this.including.finished.then(() => this.refreshInlayHints());
    const known = context === 'scanning' ? undefined : context;
    /** What the hints are made of besides the document and the settings: make's answers. */
    let fromMake: unknown[] = [];
    if (this.trusted && settings.resolvedHovers && known && this.hoverValues && this.ruleAutomatics) {
      const { files, makefile } = known;
      const key = this.resolvedValuesKey(files, settings);
      const { values, automaticVariables, targetDepth } = settings.inlayHints;
      const [resolved, database] = await Promise.all([
        values
          ? this.soonOrRefresh(
              this.hoverValues.projectValues(key, makefile, NEVER_CANCELLED, () => projectNames(files)),
            )
          : undefined,
        automaticVariables || targetDepth
          ? this.soonOrRefresh(this.ruleAutomatics.database(key, makefile))
          : undefined,
      ]);
      const file = uriToPath(uri);
      sources.resolved = resolved;
      if (database && file && automaticVariables)
        sources.instancesAt = (line) => ruleInstances(database, { file, line }, path.dirname(makefile));
      if (targetDepth) sources.depths = this.targetDepths.for(files, database);
      fromMake = [resolved, database, makefile];
    }
    // Before make has answered, or where it may not be asked, depths come from the makefiles' text.
    if (settings.inlayHints.targetDepth && !sources.depths)
      sources.depths = this.targetDepths.for(this.model.project(uri), undefined);
    if (sources.depths) {
      let document = this.depthDocuments.get(index.uri);
      if (document === undefined) this.depthDocuments.set(index.uri, (document = this.depthDocuments.size));
      this.depthSources.set(document, sources.depths);
      sources.depthDocument = document;
    }
    // Kept for the same parse, range, settings and answers of make (VS Code asks again without an edit).
    const key = [
      range.start.line,
      range.start.character,
      range.end.line,
      range.end.character,
      sources.settings.values,
      sources.settings.automaticVariables,
      sources.depths,
      ...fromMake,
    ];
    return this.inlayHintAnswers.get(index, key, () => serializeOnce(inlayHints(index, range, sources)));
  }

  /** The answer if it comes within a moment; else undefined now, and a refresh of the hints when it comes. */
  private async soonOrRefresh<T>(answer: Promise<T | undefined>): Promise<T | undefined> {
    const soon = await withBudget(answer, INLAY_HINT_WAIT_MS);
    if (soon === undefined)
      void answer.then((late) => {
        if (late !== undefined) this.refreshInlayHints();
      });
    return soon;
  }

  private refreshInlayHints(): void {
    if (this.canRefreshInlayHints) void this.connection.languages.inlayHint.refresh();
  }

  /** The targets make builds with the recipe under the cursor, when the cursor is on an automatic variable. */
  private async automaticsFor(
    uri: string,
    position: Position,
    signal: AbortSignal,
  ): Promise<RuleInstance[] | undefined> {
    const index = this.model.index(uri);
    if (!index || locate(index, position)?.kind !== 'automatic') return undefined;
    const rule = recipeRuleAt(index, position);
    return rule && this.ruleInstances(uri, rule.recipe[0].range.start.line + 1, signal);
  }

  /** The instances of the rule whose recipe starts at `line` (1-based) of `uri`, when probes are allowed. */
  private async ruleInstances(
    uri: string,
    line: number,
    signal: AbortSignal,
  ): Promise<RuleInstance[] | undefined> {
    if (!this.trusted || !this.ruleAutomatics) return undefined;
    await this.settingsLoad;
    const settings = await this.folderSettings.for(uri);
    const context = await this.including.of(uri, HOVER_BUDGET_MS, signal);
    const file = uriToPath(uri);
    if (!settings.resolvedHovers || context === 'scanning' || !context || !file) return undefined;
    return this.ruleAutomatics.instances(
      this.resolvedValuesKey(context.files, settings),
      context.makefile,
      { file, line },
      signal,
    );
  }

  private async afterInitialized(): Promise<void> {
    if (this.canRegisterConfigurationChange) {
      // Without it a changed makescope.* setting would reach the server only at its next start.
      void this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error: unknown) =>
          this.connection.console.warn(`Makescope: could not watch settings: ${String(error)}`),
        );
    }
    try {
      await (this.settingsLoad = this.loadSettings());
      const found = await findMakefiles(this.workspaceFolders, SCAN_LIMITS);
      for (const file of found) this.model.addKnownFile(file);
    } finally {
      this.including.scanFinished();
    }
    this.refreshAllDiagnostics();
  }

  private async loadSettings(): Promise<void> {
    if (!this.canPullConfiguration) return;
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
      this.settings = validateSettings(raw);
      this.model.configure(modelOptions(this.settings));
      this.refreshAllDiagnostics();
    } catch (error) {
      this.connection.console.warn(`Makescope: could not read settings: ${String(error)}`);
    }
  }
}

/** Every global variable of the project; names whose expansion would stop make ($(error ...) checks) would fail the whole batch. */
function projectNames(files: readonly FileIndex[]): string[] {
  return files.flatMap((file) =>
    file.variables
      .filter(
        (definition) =>
          !definition.targets &&
          !(definition.statement.type === 'assignment' && STOPS_MAKE.test(definition.statement.value)),
      )
      .map((definition) => definition.name),
  );
}

/** The physical lines of a text, as LSP numbers them. */
function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function modelOptions(settings: Settings): { maxFileBytes: number; includeDirs: string[] } {
  return { maxFileBytes: Math.round(settings.maxFileSizeMB * 1048576), includeDirs: settings.includeDirs };
}
