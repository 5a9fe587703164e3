// Room: serial against parallel: the command (through the shared probe runner), the tree view, the panel and its diffs.
import * as vscode from 'vscode';
import {
  ParallelDiffRequest,
  type ParallelDiffParams,
  type ParallelDiffResult,
} from '../../../../contract/parallelDiff';
import type { ClientServices } from '../../infrastructure/clientServices';
import { ensureTrusted } from '../../infrastructure/trustGate';
import { ParallelDiffPanel } from './parallelDiffPanel';
import { ParallelDiffDocuments, type DiffSubject } from './parallelDiffDocuments';
import {
  OPEN_DIFF_COMMAND,
  ParallelDiffTreeProvider,
  SHOW_PANEL_COMMAND,
  VERDICT_TEXT,
} from './parallelDiffView';

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

/** Registers the command, the view and the panel. */
export function register(services: ClientServices): void {
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
    // Before asking for targets: nothing to ask when make may not run.
    if (!ensureTrusted(TITLE)) return undefined;
    const uri = args?.uri ?? (await defaultUri());
    if (!uri) {
      void vscode.window.showWarningMessage('Makescope: open a folder with a Makefile first.');
      return undefined;
    }
    const targets = args?.targets ?? (args ? [] : await askTargets(services.extensionContext.workspaceState));
    if (targets === undefined) return undefined;
    const params: ParallelDiffParams = { uri, targets, jobs: args?.jobs, runs: args?.runs };
    const outcome = await services.runner.run({
      title: TITLE,
      type: ParallelDiffRequest,
      params,
      makefile: vscode.Uri.parse(uri),
      logProgress: true,
    });
    if (!outcome.ok) return undefined;
    services.output.appendLine(`  ${VERDICT_TEXT[outcome.result.verdict]}`);
    show(outcome.result);
    return outcome.result;
  };

  services.subscriptions.push(
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
  );
}
