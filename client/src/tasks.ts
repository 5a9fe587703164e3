// Task provider: the makefile's targets as tasks of type `make`, run as argument arrays (never a shell string).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientHost } from './clientHost';
import type { Settings } from './config';
import type { Makefiles } from './makefiles';
import { listTargets } from './targetPicker';

export const TASK_TYPE = 'make';
const PROBLEM_MATCHERS = ['$makescope-make-recipe', '$makescope-make-parse', '$makescope-gcc'];

interface MakeTaskDefinition extends vscode.TaskDefinition {
  target: string;
  /** The makefile, relative to the workspace folder. */
  makefile?: string;
}

export class MakeTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly host: ClientHost,
    private readonly makefiles: Makefiles,
    private readonly settings: Settings,
  ) {}

  /** None in Restricted Mode: a task runs make, which runs the Makefile's commands. */
  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const makefile of await this.makefiles.list(folder)) {
        const { targets } = await listTargets(this.host, makefile);
        const relative = path.relative(folder.uri.fsPath, makefile.fsPath);
        for (const target of targets)
          tasks.push(this.task({ type: TASK_TYPE, target: target.name, makefile: relative }, folder));
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (!vscode.workspace.isTrusted) return undefined;
    const definition = task.definition as MakeTaskDefinition;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || typeof definition.target !== 'string') return undefined;
    return this.task(definition, folder);
  }

  private task(definition: MakeTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
    const makefile = path.resolve(folder.uri.fsPath, definition.makefile ?? 'Makefile');
    const settings = this.settings.get(folder.uri);
    const args = ['-f', path.basename(makefile), ...settings.extraArgs, '--', definition.target];
    const execution = new vscode.ProcessExecution(settings.makePath, args, {
      cwd: path.dirname(makefile),
      env: settings.environment,
    });
    const label =
      definition.makefile && definition.makefile !== 'Makefile'
        ? `${definition.target} (${definition.makefile})`
        : definition.target;
    const task = new vscode.Task(definition, folder, label, TASK_TYPE, execution, PROBLEM_MATCHERS);
    if (definition.target === 'all') task.group = vscode.TaskGroup.Build;
    else if (definition.target === 'test' || definition.target === 'check')
      task.group = vscode.TaskGroup.Test;
    else if (definition.target === 'clean') task.group = vscode.TaskGroup.Clean;
    return task;
  }
}
