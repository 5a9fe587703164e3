// Opening a rule or definition at file:line from a tree item (make prints 1-based lines).
import * as path from 'node:path';
import * as vscode from 'vscode';

/** A command that opens `file` (absolute, or relative to `directory`) at 1-based `line`. */
export function openAt(file: string, line: number | undefined, directory?: string): vscode.Command {
  const absolute = path.isAbsolute(file) || !directory ? file : path.join(directory, file);
  const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  return {
    title: 'Open',
    command: 'vscode.open',
    arguments: [vscode.Uri.file(absolute), { selection: new vscode.Range(position, position) }],
  };
}

/** "Makefile:12" relative to the workspace, for descriptions and tooltips. */
export function shortLocation(file: string | undefined, line: number | undefined): string {
  if (!file) return '';
  const shown = path.isAbsolute(file) ? vscode.workspace.asRelativePath(file, false) : file;
  return line === undefined ? shown : `${shown}:${line}`;
}

/** Opens `file` at make's 1-based `line` in the first editor column (beside a panel, not over it). */
export async function showRuleAt(file: string, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.file(file), {
    selection: new vscode.Range(position, position),
    viewColumn: vscode.ViewColumn.One,
  });
}
