// The makefile (and target) a probe command works on: from a CodeLens or context-menu argument, else asked.
import * as vscode from 'vscode';
import type { ClientServices } from './clientServices';
import { isTargetArgument, pickTarget } from './targetPicker';

/** A makefile URI from the explorer or editor context menu (a vscode.Uri), a CodeLens ({uri, target}), or none. */
function makefileArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (isTargetArgument(arg)) return vscode.Uri.parse(arg.uri);
  return undefined;
}

/** The makefile a command works on: the one it was given, else the folder's chosen makefile. */
export async function chooseMakefile(
  services: ClientServices,
  arg: unknown,
): Promise<vscode.Uri | undefined> {
  return makefileArgument(arg) ?? (await services.makefiles.resolve());
}

/** The makefile and target a command works on: from the CodeLens argument, else from pickers. */
export async function chooseTarget(
  services: ClientServices,
  arg: unknown,
  purpose: string,
): Promise<{ makefile: vscode.Uri; target: string } | undefined> {
  if (isTargetArgument(arg)) return { makefile: vscode.Uri.parse(arg.uri), target: arg.target };
  const makefile = await chooseMakefile(services, arg);
  if (!makefile) return undefined;
  const target = await pickTarget(services.host, makefile, purpose);
  return target ? { makefile, target } : undefined;
}
