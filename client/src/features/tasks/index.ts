// Room: the makefile's targets as tasks of Makescope's own type, and the message for old `make` tasks.
import * as vscode from 'vscode';
import type { ClientServices } from '../../infrastructure/clientServices';
import { MakeTaskProvider, TASK_TYPE, checkOldTasks } from './taskProvider';

export function register(services: ClientServices): void {
  services.subscriptions.push(
    vscode.tasks.registerTaskProvider(
      TASK_TYPE,
      new MakeTaskProvider(services.host, services.makefiles, services.settings),
    ),
  );
  void checkOldTasks();
}
