// The `makescope` task provider lists examples/Makefile's targets as process tasks with argument arrays.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

describe('makescope tasks', () => {
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'Makefile'));
    const extension = vscode.extensions.getExtension('makescope.makescope');
    await waitFor(() => extension?.isActive, { what: 'Makescope to activate' });
  });

  it('offers every target of examples/Makefile, default goal included, without pattern rules', async () => {
    let names: string[] = [];
    const tasks = await waitFor(
      async () => {
        const found = await vscode.tasks.fetchTasks({ type: 'makescope' });
        names = found.map((task) => task.name);
        return ['all', 'clean', 'test', 'install'].every((name) => names.includes(name)) ? found : undefined;
      },
      { what: () => `makescope tasks all, clean, test and install (got: ${names.join(', ') || 'none'})` },
    );
    assert.ok(!names.some((name) => name.includes('%')), `no pattern rules: ${names.join(', ')}`);
    const all = tasks.find((task) => task.name === 'all');
    assert.ok(all?.execution instanceof vscode.ProcessExecution, 'a process execution, never a shell string');
    assert.strictEqual(all.execution.process, 'make');
    assert.deepStrictEqual(all.execution.args, ['-f', 'Makefile', '--', 'all']);
    assert.strictEqual(all.group?.id, vscode.TaskGroup.Build.id);
  });

  it('registers the palette commands of issue 5', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    const expected = [
      'makescope.checkConvergence',
      'makescope.traceTarget',
      'makescope.showVariables',
      'makescope.dryRun',
      'makescope.timeParse',
      'makescope.compareSerialParallel',
      'makescope.collectEvidence',
      'makescope.generateRunbook',
      'makescope.showProbeOutput',
      'makescope.restartServer',
    ];
    assert.deepStrictEqual(
      expected.filter((command) => !commands.has(command)),
      [],
    );
  });
});
