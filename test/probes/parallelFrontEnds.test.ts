// The parallel diff through its front ends (CLI, LSP handler) and cancellation, on real make and strace.
import * as assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  LSPErrorCodes,
  ResponseError,
  type Connection,
} from 'vscode-languageserver/node';
import { runCli } from '../../cli/src/cli';
import { handleParallelDiff } from '../../server/src/probeRequests/parallelDiffHandler';
import { parallelDiffProbe } from '../../engine/parallel/parallelDiffProbe';
import type { ParallelDiffResult } from '../../engine/parallel/parallelTypes';
import { ProbeError } from '../../engine/probes/probeOptions';
import { DEFAULT_SETTINGS } from '../../contract/settings';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { make441Path, MAKES, requireMake } from './support/makes';
import { withPrivateTmp } from './support/privateTmp';
import { unchanged } from './support/probeCheck';
import { cancelAndExpectNoProcessLeft } from './support/cancelProbe';
import { pollUntil, processesInGroup } from './support/processGroups';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { write: (text: string) => (stdout += text) },
    { write: (text: string) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

describe('makescope parallel-diff (CLI)', () => {
  let workspace: Workspace | undefined;
  before(() => requireMake(MAKES[1]));
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('exits 1 with the finding, its rule line and the fix line', async () => {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    const dir = workspace.directory;
    const run = await unchanged(dir, () =>
      cli(['parallel-diff', '-C', dir, '--make', make441Path, '-j', '2', '--runs', '1']),
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(
      run.stdout,
      /Makefile:9: missing-prerequisite: 'app\.txt' reads config\.h, which 'config\.h' writes/,
    );
    assert.match(run.stdout, /Makefile:9: app\.txt: main\.in config\.h/);
    // A build that failed early is fast, not parallel: the speedup shows only when -j2 succeeded too.
    const parallelExit = /^ {2}parallel -j2 +exit (\d+)/m.exec(run.stdout)?.[1];
    if (parallelExit === '0') assert.match(run.stdout, /speedup of -j2 over -j1/);
    else assert.doesNotMatch(run.stdout, /speedup/);
  });

  it('exits 0 on a clean build and prints JSON with --json', async () => {
    workspace = await workspaceFrom('parallel-clean');
    const run = await cli([
      'parallel-diff',
      '-C',
      workspace.directory,
      '--make',
      make441Path,
      '-j2',
      '--runs=1',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = JSON.parse(run.stdout) as ParallelDiffResult;
    assert.equal(result.verdict, 'clean');
    assert.equal(result.runs[3].shuffle, 'reverse');
  });

  it('exits 2 on bad arguments and on a target with "="', async () => {
    assert.equal((await cli(['parallel-diff', '--shuffle', 'sideways'])).code, 2);
    assert.equal((await cli(['parallel-diff', '--frobnicate'])).code, 2);
    const assignment = await cli(['parallel-diff', '-C', '/tmp', 'CC=gcc']);
    assert.equal(assignment.code, 2);
    assert.match(assignment.stderr, /variable assignment/);
    const help = await cli(['parallel-diff', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--shuffle MODE/);
  });
});

describe('makescope/parallelDiff handler', () => {
  it('reports progress on the client token, calls onResult and answers with the result', async () => {
    requireMake(MAKES[0]);
    const workspace = await workspaceFrom('parallel-race-output-directory');
    try {
      const progress: unknown[] = [];
      const connection = {
        sendProgress: (_type: unknown, token: unknown, value: unknown) => {
          progress.push([token, value]);
          return Promise.resolve();
        },
      } as unknown as Connection;
      const results: ParallelDiffResult[] = [];
      const result = await handleParallelDiff(
        connection,
        {
          settings: () => ({ ...DEFAULT_SETTINGS, makePath: MAKES[0].path }),
          workspaceFolders: () => [workspace.directory],
          onResult: (r) => results.push(r),
        },
        { uri: undefined, runs: 1, workDoneToken: 'token-1' },
        new CancellationTokenSource().token,
      );
      // The answer is the comparison plus the make runs the request recorded.
      assert.deepEqual({ ...result, makeRuns: undefined }, { ...results[0], makeRuns: undefined });
      assert.equal(result.findings[0]?.kind, 'missing-order-only-directory');
      const messages = progress.map((entry) => (entry as [string, { kind: string; message?: string }])[1]);
      assert.equal(messages[0].kind, 'begin');
      assert.ok(messages.some((m) => m.message?.includes('traced serial build')));
      assert.equal(messages[messages.length - 1].kind, 'end');
    } finally {
      await workspace.dispose();
    }
  });

  it('where builds need copies (no isolation), refuses a project over the size limit with a clear error', async () => {
    const workspace = await workspaceFrom('parallel-clean');
    try {
      await assert.rejects(
        parallelDiffProbe({
          directory: workspace.directory,
          make: MAKES[0].path,
          maxSandboxBytes: 10,
          isolation: { kind: 'none', why: 'forced by the test' },
        }),
        (error: unknown) =>
          error instanceof ProbeError &&
          error.kind === 'refused' &&
          /every build needs a copy here; the limit is/.test(error.message),
      );
    } finally {
      await workspace.dispose();
    }
  });

  it('refuses in an untrusted workspace', async () => {
    const connection = {} as Connection;
    await assert.rejects(
      handleParallelDiff(
        connection,
        { settings: () => DEFAULT_SETTINGS, workspaceFolders: () => ['/tmp'], isTrusted: () => false },
        {},
        new CancellationTokenSource().token,
      ),
      (error: unknown) => error instanceof ResponseError && /trusted/.test(error.message),
    );
  });
});

for (const make of MAKES) {
  describe(`parallel diff cancellation, GNU make ${make.version}`, () => {
    before(() => requireMake(make));

    for (const phase of [
      // Step 1 is the serial build, step 2 its repeat (non-determinism), step 3 the -jN build.
      // -j2: make and two shells or sleeps; the traced build, serial: make and a recipe (a sleep runs as
      // make's own child, no shell), strace around it when the preloaded recorder cannot be used.
      { name: 'the parallel build', step: '(3/', processes: 3 },
      { name: 'the traced build', step: 'traced', processes: 2 },
    ]) {
      it(`ends every process it started within 1 s and removes its copies, cancelled in ${phase.name}`, async () => {
        const workspace = await workspaceFrom('parallel-race-shuffle-only');
        try {
          await withPrivateTmp(() =>
            unchanged(workspace.directory, async () => {
              const controller = new AbortController();
              const groups: number[] = [];
              let step = '';
              const probe = parallelDiffProbe({
                directory: workspace.directory,
                make: make.path,
                jobs: 2,
                runs: 0,
                shuffle: 'reverse',
                signal: controller.signal,
                onSpawn: (pid) => groups.push(pid),
                onProgress: (message) => (step = message),
              });
              // The build's slow recipes are running: make, shells and sleeps in one group.
              const running = await pollUntil(
                () =>
                  step.includes(phase.step) &&
                  groups.length >= 2 &&
                  processesInGroup(groups[groups.length - 1]).length >= phase.processes,
                20000,
              );
              assert.ok(running, `${phase.name} started`);
              await cancelAndExpectNoProcessLeft(controller, probe, groups);
            }),
          );
        } finally {
          await workspace.dispose();
        }
      });
    }
  });
}

describe('parallel diff handler cancellation', () => {
  it('answers RequestCancelled when the client cancels', async () => {
    requireMake(MAKES[1]);
    const workspace = await workspaceFrom('parallel-race-shuffle-only');
    try {
      const source = new CancellationTokenSource();
      const connection = {
        sendProgress: (_type: unknown, _token: unknown, value: { message?: string }) => {
          if (value.message?.startsWith('(2/')) source.cancel();
          return Promise.resolve();
        },
      } as unknown as Connection;
      await assert.rejects(
        handleParallelDiff(
          connection,
          {
            settings: () => ({ ...DEFAULT_SETTINGS, makePath: MAKES[1].path }),
            workspaceFolders: () => [workspace.directory],
          },
          { workDoneToken: 'token-2' },
          source.token,
        ),
        (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
      );
    } finally {
      await workspace.dispose();
    }
  });
});
