// The probe requests over a real LSP connection to dist/server.js: results, progress, errors, cancellation.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { ResponseError } from 'vscode-jsonrpc/node';
import { WorkDoneProgress } from 'vscode-languageserver-protocol';
import {
  ConvergenceRequest,
  DatabaseRequest,
  DryRunRequest,
  ResolveVariableRequest,
  TimingRequest,
  TraceRequest,
  type ProbeErrorData,
} from '../../contract/protocol';
import { MAKES, requireMake, type MakeUnderTest } from '../probes/support/makes';
import {
  descendantsOf,
  pollUntil,
  processesInGroup,
  type ProcessInfo,
} from '../probes/support/processGroups';
import { fileUri, LspSession, repoRoot } from './lspSession';

async function setTimes(directory: string, when: Date): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) await setTimes(file, when);
    await utimes(file, when, when);
  }
}

async function copyFixture(name: string, make: string, build = false): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'makescope-lsp-'));
  const directory = path.join(root, name);
  await cp(path.join(repoRoot, 'test', 'fixtures', name), directory, { recursive: true });
  await setTimes(directory, new Date(Date.now() - 3600_000));
  if (build) execFileSync(make, ['-s'], { cwd: directory, stdio: 'ignore' });
  return directory;
}

/** Points the server's makescope.makePath setting at `make`; the next probe must use it. */
async function useMake(session: LspSession, make: MakeUnderTest, folder: string): Promise<void> {
  session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => ({ makePath: make.path })),
  );
  await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  // The first probe after the notification must already use the new make.
  const db = await session.connection.sendRequest(DatabaseRequest, { uri: fileUri(folder) });
  assert.equal(db.placement.makeVersion, make.version, 'the probe right after the settings change');
}

for (const make of MAKES)
  describe(`probe requests over LSP, GNU make ${make.version}`, () => {
    let session: LspSession;
    const folders: string[] = [];

    before(async () => {
      requireMake(make);
      ({ session } = await LspSession.start());
      // VS Code tells the server about a changed setting only when it registered for the notification.
      await session.waitForRegistration('workspace/didChangeConfiguration');
      await useMake(session, make, await fixture('includes'));
    });
    after(async () => {
      // Unset when the before hook failed (e.g. make 4.4.1 not built): that failure is the one to read.
      if (session as LspSession | undefined) await session.shutdown();
      for (const folder of folders) await rm(path.dirname(folder), { recursive: true, force: true });
    });

    const fixture = async (name: string, build = false): Promise<string> => {
      const directory = await copyFixture(name, make.path, build);
      folders.push(directory);
      return directory;
    };

    it('makescope/convergence sees through the echo before $(MAKE), with progress', async () => {
      const directory = await fixture('recursive-echo-submake', true);
      const progress: unknown[] = [];
      session.connection.onProgress(WorkDoneProgress.type, 'convergence-1', (value) =>
        progress.push(value.kind),
      );
      const result = await session.connection.sendRequest(ConvergenceRequest, {
        uri: fileUri(directory),
        workDoneToken: 'convergence-1',
      });
      assert.equal(result.verdict, 'converged');
      assert.equal(result.seenThrough, true);
      assert.deepEqual(
        result.phony.map((t) => t.name),
        ['all'],
      );
      assert.equal(result.placement.where, 'isolated');
      // $/progress notifications are sent before the response, so they have arrived.
      assert.equal(progress[0], 'begin');
      assert.ok(progress.includes('report'));
      assert.equal(progress[progress.length - 1], 'end');
    });

    it('makescope/trace and makescope/dryRun name targets with file:line', async () => {
      const directory = await fixture('pattern-rules');
      const trace = await session.connection.sendRequest(TraceRequest, {
        uri: fileUri(path.join(directory, 'Makefile')),
      });
      assert.deepEqual(
        trace.roots.map((root) => [
          root.target.name,
          root.target.line,
          root.children.map((c) => c.target.name),
        ]),
        [['app', 6, ['main.o', 'util.o']]],
      );
      const dryRun = await session.connection.sendRequest(DryRunRequest, {
        uri: fileUri(directory),
        targets: ['main.o'],
      });
      assert.deepEqual(
        dryRun.groups.map((g) => [g.target, g.commands]),
        [['main.o', ['cp src/main.c main.o']]],
      );
    });

    it('makescope/database and makescope/resolveVariable read make itself', async () => {
      const directory = await fixture('target-specific-vars');
      const db = await session.connection.sendRequest(DatabaseRequest, { uri: fileUri(directory) });
      assert.equal(db.database.variables.find((v) => v.name === 'CFLAGS')?.line, 2);
      const resolved = await session.connection.sendRequest(ResolveVariableRequest, {
        uri: fileUri(directory),
        variables: ['CFLAGS'],
        target: 'debug',
      });
      assert.equal(resolved.values[0].value, '-O2 -g');
    });

    it('commandLineVariables reach make as NAME=VALUE; a bad name is refused as usage', async () => {
      const directory = await fixture('target-specific-vars');
      const resolved = await session.connection.sendRequest(ResolveVariableRequest, {
        uri: fileUri(directory),
        variables: ['CFLAGS'],
        commandLineVariables: { CFLAGS: '-O0 -DX' },
      });
      assert.deepEqual([resolved.values[0].value, resolved.values[0].origin], ['-O0 -DX', 'command line']);
      assert.ok(resolved.makeRuns?.some((run) => run.args.includes('CFLAGS=-O0 -DX')));
      await assert.rejects(
        session.connection.sendRequest(DatabaseRequest, {
          uri: fileUri(directory),
          commandLineVariables: { 'A B': '1' },
        }),
        (error: ResponseError<ProbeErrorData>) => error.data?.kind === 'usage' && /A B/.test(error.message),
      );
    });

    it('makescope/timing times reading and a sandboxed build', async () => {
      const directory = await fixture('includes');
      const timing = await session.connection.sendRequest(TimingRequest, {
        uri: fileUri(directory),
        build: true,
      });
      assert.equal(timing.buildExitCode, 0);
      assert.equal(timing.buildPlacement?.where, 'isolated');
    });

    it('answers a refused probe with an error saying why', async () => {
      const directory = await fixture('risk-plus-line');
      await assert.rejects(
        session.connection.sendRequest(ConvergenceRequest, { uri: fileUri(directory), sandbox: 'never' }),
        (error: ResponseError<ProbeErrorData>) =>
          error.data?.kind === 'refused' && /Makefile:3/.test(error.message),
      );
    });

    it('cancels: the request fails as cancelled and the server keeps serving', async () => {
      const directory = await fixture('slow-recipe');
      const source = new CancellationTokenSource();
      const pending = session.connection.sendRequest(
        DryRunRequest,
        { uri: fileUri(directory) },
        source.token,
      );
      // Cancel once make is running: look for the fixture's sleep among the server's own descendants.
      const sleeps = (): ProcessInfo[] =>
        descendantsOf(session.child.pid ?? -1).filter((p) => p.args === 'sleep 300');
      let started: ProcessInfo[] = [];
      assert.ok(
        await pollUntil(() => (started = sleeps()).length > 0, 20000),
        'make started the recipe (sleep 300) under the server within 20 s',
      );
      const groups = [...new Set(started.map((p) => p.pgid))];
      source.cancel();
      await assert.rejects(pending, (error: ResponseError<ProbeErrorData>) => error.code === -32800);
      const left = (): number[] => groups.flatMap((pgid) => processesInGroup(pgid));
      assert.ok(
        await pollUntil(() => left().length === 0, 10000),
        `make's process group left ${left().join(', ')}`,
      );
      const again = await session.connection.sendRequest(DryRunRequest, {
        uri: fileUri(await fixture('includes')),
      });
      assert.equal(again.groups.length, 2);
    });
  });
