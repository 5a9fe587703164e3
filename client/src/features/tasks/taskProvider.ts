// Task provider: the makefile's targets as tasks of type `makescope`, run as argument arrays (never a shell string);
// tasks.json entries of the old type `make` (which another extension also declares) get a message and a one-click update.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mayRunMake } from '../../infrastructure/trustGate';
import type { ClientHost } from '../../infrastructure/clientHost';
import type { Settings } from '../../config';
import { isNamedMakefile, type Makefiles } from '../../infrastructure/makefiles';
import { listTargets } from '../../infrastructure/targetPicker';

export const TASK_TYPE = 'makescope';
/** The type before 0.2: another popular extension declares `make` with other required fields. */
export const OLD_TASK_TYPE = 'make';
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
    if (!mayRunMake()) return [];
    const tasks: vscode.Task[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Makefiles make can run (Makefile, GNUmakefile, Makefile.<variant>), not included *.mk fragments.
      for (const makefile of (await this.makefiles.list(folder)).filter((uri) =>
        isNamedMakefile(uri.fsPath),
      )) {
        const { targets } = await listTargets(this.host, makefile);
        const relative = path.relative(folder.uri.fsPath, makefile.fsPath);
        for (const target of targets)
          tasks.push(this.task({ type: TASK_TYPE, target: target.name, makefile: relative }, folder));
      }
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (!mayRunMake()) return undefined;
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

/** A tasks.json entry Makescope wrote under the old type: `make` with our `target` (the other extension's has none). */
function isOldMakescopeTask(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const task = value as Record<string, unknown>;
  return task.type === OLD_TASK_TYPE && typeof task.target === 'string' && !('targetName' in task);
}

/** Looks for old `make` tasks in each folder's tasks.json; offers to change them to `makescope`. */
export async function checkOldTasks(): Promise<void> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const config = vscode.workspace.getConfiguration('tasks', folder.uri);
    const tasks = config.inspect<unknown[]>('tasks')?.workspaceFolderValue;
    if (!Array.isArray(tasks)) continue;
    const old = tasks.filter(isOldMakescopeTask);
    if (old.length === 0) continue;
    const update = 'Update tasks.json';
    const answer = await vscode.window.showWarningMessage(
      `Makescope: ${folder.name}/.vscode/tasks.json has ${old.length} task(s) of type "${OLD_TASK_TYPE}" with a "target" ` +
        `(${old.map((task) => String(task.target)).join(', ')}). Makescope's task type is now "${TASK_TYPE}" ` +
        `("${OLD_TASK_TYPE}" belongs to another extension), so they no longer run.`,
      update,
    );
    if (answer !== update) continue;
    const updated = tasks.map((task) => (isOldMakescopeTask(task) ? { ...task, type: TASK_TYPE } : task));
    await config.update('tasks', updated, vscode.ConfigurationTarget.WorkspaceFolder);
  }
}
