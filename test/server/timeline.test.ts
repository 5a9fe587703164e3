// makescope/timeline over a real LSP connection to dist/server.js: the critical path across make levels, and cancellation.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CancellationTokenSource, type ResponseError } from 'vscode-jsonrpc/node';
import type { ProbeErrorData } from '../../contract/protocol';
import { TimelineRequest } from '../../contract/timeline';
import { workspaceFrom, type Workspace } from '../probes/support/fixtureCopy';
import { validateTraceEvents } from '../probes/support/traceEventFormat';
import {
  descendantsOf,
  pollUntil,
  processesInGroup,
  type ProcessInfo,
} from '../probes/support/processGroups';
import { fileUri, LspSession } from './lspSession';

describe('makescope/timeline over LSP', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  let session: LspSession;

  before(async () => {
    workspace = await workspaceFrom('timeline-recursive');
    ({ session } = await LspSession.start(workspace.directory));
  });

  after(async () => {
    await session?.shutdown();
    await workspace?.dispose();
  });

  it('answers with spans on job lanes, the critical path y -> x -> all, each rule at make file:line and the Chrome trace', async () => {
    const result = await session.connection.sendRequest(TimelineRequest, {
      uri: fileUri(workspace.directory),
      jobs: 2,
    });
    assert.equal(result.exitCode, 0, result.output);
    assert.deepEqual(
      result.timeline.criticalPath.map((span) => `${span.level}:${span.target}`),
      ['1:y', '1:x', '0:all'],
    );
    const x = result.timeline.spans.find((span) => span.target === 'x');
    assert.deepEqual(x?.rule, { file: path.join(workspace.directory, 'sub', 'Makefile'), line: 2 });
    assert.equal(x?.critical, true);
    // The Chrome trace the editor saves as is: the Trace Event Format, one complete event per span and per read.
    validateTraceEvents(result.chromeTrace);
    const events = result.chromeTrace.traceEvents.filter((event) => event.ph === 'X');
    assert.deepEqual(
      events
        .filter((event) => event.cat !== 'parse')
        .map((event) => event.name)
        .sort(),
      result.timeline.spans.map((s) => s.target).sort(),
    );
    assert.deepEqual(
      events.filter((event) => event.cat === 'parse').map((event) => event.args?.makefiles),
      result.timeline.reads.map((read) => read.makefiles),
    );
    assert.deepEqual(
      result.timeline.reads.map((read) => [read.level, read.makefiles]),
      [
        [0, ['Makefile']],
        [1, ['Makefile']],
      ],
    );
  });

  it('cancels: make and its recipes end, the request fails as cancelled', async () => {
    const source = new CancellationTokenSource();
    const pending = session.connection.sendRequest(
      TimelineRequest,
      { uri: fileUri(workspace.directory), jobs: 2 },
      source.token,
    );
    const sleeps = (): ProcessInfo[] =>
      descendantsOf(session.child.pid ?? -1).filter((p) => p.args === 'sleep 1.0');
    let started: ProcessInfo[] = [];
    assert.ok(
      await pollUntil(() => (started = sleeps()).length > 0, 20000),
      'the sub-make started y (sleep 1.0) under the server within 20 s',
    );
    const groups = [...new Set(started.map((p) => p.pgid))];
    source.cancel();
    await assert.rejects(pending, (error: ResponseError<ProbeErrorData>) => error.code === -32800);
    const left = (): number[] => groups.flatMap((pgid) => processesInGroup(pgid));
    assert.ok(await pollUntil(() => left().length === 0, 10000), `left ${left().join(', ')}`);
  });
});
