// Serial against parallel in the editor: the command (progress + Cancel), the tree view, the panel and its diffs.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ParallelDiffRequest,
  type ParallelDiffParams,
  type ParallelDiffResult,
} from '../../contract/parallelDiff';
import type { ClientHost } from './clientHost';
import { languageClientBundle } from './languageClient/load';
import { ParallelDiffPanel } from './panels/parallelDiffPanel';
import { ParallelDiffDocuments, type DiffSubject } from './parallelDiffDocuments';
import {
  OPEN_DIFF_COMMAND,
  ParallelDiffTreeProvider,
  SHOW_PANEL_COMMAND,
  VERDICT_TEXT,
} from './views/parallelDiffView';

export const COMPARE_COMMAND = 'makescope.compareSerialParallel';
export const PARALLEL_DIFF_VIEW = 'makescope.parallelDiff';
const TITLE = 'Compare Serial and Parallel';

/** Arguments a caller (a test, a CodeLens) may pass instead of being asked. */
export interface CompareArguments {
  /** A makefile or a folder URI (string); default: the active makefile or the first workspace folder. */
  uri?: string;
  targets?: string[];
  jobs?: number;
  runs?: number;
}

async function clientOf(source: LanguageClient | ClientHost): Promise<LanguageClient | undefined> {
  if ('sendRequest' in source) return source.isRunning() ? source : undefined;
  return source.runningClient();
}

async function defaultUri(): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'makefile' && active.uri.scheme === 'file') return active.uri.toString();
  return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
}

const LAST_TARGETS_KEY = 'makescope.parallelDiff.targets';

/** Asks for the targets, offering the ones of the last comparison in this workspace. */
async function askTargets(state: vscode.Memento): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Makescope: ${TITLE}`,
    prompt: 'Targets to build (separated by spaces); empty for the default goal',
    placeHolder: 'default goal',
    value: state.get<string>(LAST_TARGETS_KEY, ''),
  });
  if (text === undefined) return undefined;
  await state.update(LAST_TARGETS_KEY, text.trim());
  return text.split(/\s+/).filter(Boolean);
}

/** Registers the command, the view and the panel; returns every disposable (also pushed nowhere else). */
export function registerParallelDiff(
  context: vscode.ExtensionContext,
  client: LanguageClient | ClientHost,
  output: vscode.OutputChannel,
): vscode.Disposable[] {
  const documents = new ParallelDiffDocuments();
  const tree = new ParallelDiffTreeProvider();
  let last: ParallelDiffResult | undefined;

  const show = (result: ParallelDiffResult): void => {
    last = result;
    documents.load(result);
    tree.show(result);
    // Reveal the view (the side bar may be on Explorer, the view collapsed), then the panel beside the editor.
    void vscode.commands
      .executeCommand(`${PARALLEL_DIFF_VIEW}.focus`)
      .then(() => ParallelDiffPanel.createOrShow(documents, result));
  };

  const compare = async (args?: CompareArguments): Promise<ParallelDiffResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        `Makescope: ${TITLE} is disabled in Restricted Mode: it runs make, which executes commands from the Makefile.`,
      );
      return undefined;
    }
    const languageClient = await clientOf(client);
    if (!languageClient) {
      void vscode.window.showErrorMessage(
        'Makescope: the language server is not running; try "Makescope: Restart Server".',
      );
      return undefined;
    }
    const uri = args?.uri ?? (await defaultUri());
    const targets = args?.targets ?? (args ? [] : await askTargets(context.workspaceState));
    if (targets === undefined) return undefined;
    const params: ParallelDiffParams = { uri, targets, jobs: args?.jobs, runs: args?.runs };
    output.appendLine(
      `[${new Date().toISOString().slice(11, 19)}] ${TITLE}: ${uri ?? '(no folder)'} ${targets.join(' ')}`,
    );
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Makescope: ${TITLE}`, cancellable: true },
      async (progress, token) => {
        try {
          const result = await languageClientBundle().requestWithProgress(
            languageClient,
            ParallelDiffRequest,
            params,
            token,
            (message) => {
              progress.report({ message });
              output.appendLine(`  ${message}`);
            },
          );
          output.appendLine(`  ${VERDICT_TEXT[result.verdict]}`);
          show(result);
          return result;
        } catch (error) {
          const cancelled = token.isCancellationRequested;
          const message = error instanceof Error ? error.message : String(error);
          output.appendLine(`  ${cancelled ? 'cancelled' : `failed: ${message}`}`);
          if (!cancelled) void vscode.window.showErrorMessage(`Makescope: ${TITLE} failed: ${message}`);
          return undefined;
        }
      },
    );
  };

  return [
    documents,
    tree,
    vscode.window.createTreeView(PARALLEL_DIFF_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand(COMPARE_COMMAND, compare),
    vscode.commands.registerCommand(OPEN_DIFF_COMMAND, (subject: DiffSubject) => documents.openDiff(subject)),
    vscode.commands.registerCommand(SHOW_PANEL_COMMAND, () => {
      if (last) ParallelDiffPanel.createOrShow(documents, last);
      else void vscode.commands.executeCommand(COMPARE_COMMAND);
    }),
    vscode.window.registerWebviewPanelSerializer(ParallelDiffPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) =>
        ParallelDiffPanel.revive(panel, documents, state),
    }),
    { dispose: () => ParallelDiffPanel.visible?.dispose() },
  ];
}
