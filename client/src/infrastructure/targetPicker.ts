// Target pickers from the server's static model (makescope/listTargets): default goal first, no pattern rules.
import * as vscode from 'vscode';
import { ListTargetsRequest, type ListedTarget } from '../../../contract/protocol';
import type { ClientHost } from './clientHost';
import { languageClientBundle } from './languageClient/load';

/** Targets a user can name on make's command line, default goal first; empty when the server is down. */
export async function listTargets(
  host: ClientHost,
  makefile: vscode.Uri,
): Promise<{ targets: ListedTarget[]; defaultGoal?: string; makefileUri?: string }> {
  const client = await host.runningClient();
  if (!client) return { targets: [] };
  const result = await languageClientBundle().request(client, ListTargetsRequest, {
    uri: makefile.toString(),
  });
  const targets = result.targets.filter((target) => !target.pattern && !target.name.startsWith('.'));
  const isDefault = (target: ListedTarget): boolean => target.name === result.defaultGoal;
  return {
    targets: [...targets.filter(isDefault), ...targets.filter((target) => !isDefault(target))],
    defaultGoal: result.defaultGoal,
    makefileUri: result.makefileUri,
  };
}

export async function pickTarget(
  host: ClientHost,
  makefile: vscode.Uri,
  placeHolder: string,
): Promise<string | undefined> {
  const { targets, defaultGoal } = await listTargets(host, makefile);
  const items = targets.map((target) => ({
    label: target.name,
    description: [target.name === defaultGoal ? 'default goal' : '', target.phony ? 'phony' : '']
      .filter(Boolean)
      .join(' · '),
    detail: `${vscode.workspace.asRelativePath(vscode.Uri.parse(target.uri), false)}:${target.line + 1}`,
  }));
  if (items.length === 0) {
    // No static targets (or no server): let the user type one.
    return vscode.window.showInputBox({ prompt: placeHolder, placeHolder: 'target name' });
  }
  return pickOrType(items, placeHolder);
}

/** A quick pick that also accepts a typed name no item matches (targets the static model cannot name). */
function pickOrType(items: vscode.QuickPickItem[], placeHolder: string): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick();
  quickPick.items = items;
  quickPick.placeholder = `${placeHolder} (or type a target)`;
  quickPick.matchOnDetail = true;
  return new Promise((resolve) => {
    let result: string | undefined;
    quickPick.onDidAccept(() => {
      result = quickPick.selectedItems[0]?.label ?? (quickPick.value.trim() || undefined);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(result);
    });
    quickPick.show();
  });
}

/** The argument the server's CodeLenses and the context menus pass; absent when a command runs from the palette. */
export interface TargetArgument {
  uri: string;
  target: string;
}

export function isTargetArgument(value: unknown): value is TargetArgument {
  const candidate = value as Partial<TargetArgument> | undefined;
  return typeof candidate?.uri === 'string' && typeof candidate.target === 'string';
}
