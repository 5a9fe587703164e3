// Room: Collect Evidence… and Generate Runbook: the evidence ladder with its report beside the Evidence tree.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CollectEvidenceRequest, GenerateRunbookRequest } from '../../../../contract/protocol';
import type { ClientHost } from '../../infrastructure/clientHost';
import type { ClientServices } from '../../infrastructure/clientServices';
import { listTargets } from '../../infrastructure/targetPicker';
import { EVIDENCE_VIEW, EvidenceView } from './evidenceView';

/** Arguments for scripted use (tests, other extensions): skip the questions. */
export interface CollectEvidenceArgument {
  targets?: string[];
  symptom?: string;
}

export function register(services: ClientServices): void {
  const evidence = new EvidenceView();
  const collect = async (argument?: CollectEvidenceArgument): Promise<void> => {
    const makefile = await services.makefiles.resolve();
    if (!makefile) return;
    const asked = argument ?? (await ask(services.host, makefile));
    if (!asked) return;
    const outcome = await services.runner.run({
      title: 'Collect Evidence',
      type: CollectEvidenceRequest,
      params: { uri: makefile.toString(), targets: asked.targets ?? [], symptom: asked.symptom },
      makefile,
    });
    if (!outcome.ok) {
      if (outcome.kind !== 'cancelled' && outcome.kind !== 'untrusted') evidence.showError(outcome.message);
      return;
    }
    const { result } = outcome;
    for (const rung of result.report.rungs) {
      for (const command of rung.commands)
        services.output.appendLine(`  $ ${command.command}   (rung ${rung.step})`);
    }
    services.output.appendLine(`  evidence folder: ${result.outputDirectory}`);
    evidence.show(result);
    await vscode.commands.executeCommand(`${EVIDENCE_VIEW}.focus`);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.file(result.markdownPath));
  };

  const runbook = async (): Promise<void> => {
    const makefile = await services.makefiles.resolve();
    if (!makefile) return;
    const outcome = await services.runner.run({
      title: 'Generate Runbook',
      type: GenerateRunbookRequest,
      params: { uri: makefile.toString() },
      makefile,
    });
    if (!outcome.ok) return;
    // An untitled editor that saves as RUNBOOK.md beside the makefile: nothing is written until the user saves.
    const target = vscode.Uri.file(path.join(path.dirname(makefile.fsPath), 'RUNBOOK.md')).with({
      scheme: 'untitled',
    });
    const document = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => {
      const whole = new vscode.Range(
        new vscode.Position(0, 0),
        document.lineAt(Math.max(0, document.lineCount - 1)).range.end,
      );
      edit.replace(whole, outcome.result.markdown);
    });
  };

  services.subscriptions.push(
    evidence,
    vscode.commands.registerCommand('makescope.collectEvidence', collect),
    vscode.commands.registerCommand('makescope.generateRunbook', runbook),
  );
}

/** The target (default goal first) and, optionally, what was seen. */
async function ask(host: ClientHost, makefile: vscode.Uri): Promise<CollectEvidenceArgument | undefined> {
  const { targets, defaultGoal } = await listTargets(host, makefile);
  const items = targets.map((target) => ({
    label: target.name,
    description: target.name === defaultGoal ? 'default goal' : target.phony ? 'phony' : '',
  }));
  let chosen: string[] = [];
  if (items.length > 0) {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which target misbehaves?' });
    if (!picked) return undefined;
    chosen = picked.label === defaultGoal ? [] : [picked.label];
  }
  const symptom = await vscode.window.showInputBox({
    prompt: 'What did you see? (optional, kept in the report)',
    placeHolder: 'e.g. "app rebuilds every time" or "fails with -j8 on CI"',
  });
  if (symptom === undefined) return undefined;
  return { targets: chosen, symptom: symptom.trim() || undefined };
}
