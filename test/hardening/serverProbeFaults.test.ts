// Probe faults through the server (stdio LSP): two probes on one folder never interleave; a killed server leaves no make.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import type { ResponseError } from 'vscode-jsonrpc/node';
import { dryRunProbe } from '../../server/src/probes/dryRunProbe';
import { DryRunRequest, type ProbeErrorData } from '../../server/src/protocol';
import { pollUntil, processesInGroup } from '../probes/support/processGroups';
import { fileUri, LspSession } from '../server/lspSession';
import { scratchProject } from './support/scratch';
import { tally } from './support/tally';

/** Live processes whose working directory is inside `directory`, with their process groups. */
function processesUnder(directory: string): { pid: number; pgid: number }[] {
  const found: { pid: number; pgid: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd !== directory && !cwd.startsWith(directory + path.sep)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') found.push({ pid: Number(entry), pgid: Number(fields[2]) });
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}

describe('hardening: probe faults through the server', () => {
  it('two probes at once on one folder run one after the other, never interleaved', async () => {
    const project = await scratchProject({});
    const log = path.join(project.root, 'order.log');
    const { writeFile } = await import('node:fs/promises');
    // Every make run appends "start GOAL" and "end GOAL" around a pause while it reads the makefile.
    await writeFile(
      path.join(project.directory, 'Makefile'),
      `X := $(shell echo start $(MAKECMDGOALS) >> ${log}; sleep 0.3; echo end $(MAKECMDGOALS) >> ${log})\n` +
        'a b: ; @echo $@\n',
    );
    const { session } = await LspSession.start(project.directory);
    try {
      const uri = fileUri(project.directory);
      const [first, second] = await Promise.all([
        session.connection.sendRequest(DryRunRequest, { uri, targets: ['a'] }),
        session.connection.sendRequest(DryRunRequest, { uri, targets: ['b'] }),
      ]);
      assert.deepEqual(
        first.groups.map((g) => g.target),
        ['a'],
      );
      assert.deepEqual(
        second.groups.map((g) => g.target),
        ['b'],
      );
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      const goals = lines.map((line) => line.split(' ')[1]);
      // Each make run is a start/end pair of one goal, and all of a's runs come before all of b's.
      for (let i = 0; i < lines.length; i += 2) {
        assert.deepEqual(
          [lines[i], lines[i + 1]],
          [`start ${goals[i]}`, `end ${goals[i]}`],
          lines.join(' | '),
        );
      }
      assert.equal(
        goals
          .join(' ')
          .replace(/(a )*a/, 'A')
          .replace(/(b )*b/, 'B'),
        'A B',
        lines.join(' | '),
      );
    } finally {
      await session.shutdown();
      await project.dispose();
    }
    tally('probe faults injected', 1);
  });

  it('a queued probe can be cancelled before it starts', async () => {
    const project = await scratchProject({ Makefile: 'X := $(shell sleep 1)\nall: ; @echo $@\n' });
    const { session } = await LspSession.start(project.directory);
    try {
      const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
      const uri = fileUri(project.directory);
      const running = session.connection.sendRequest(DryRunRequest, { uri });
      const source = new CancellationTokenSource();
      const queued = session.connection.sendRequest(DryRunRequest, { uri }, source.token);
      source.cancel();
      await assert.rejects(queued, (error: ResponseError<ProbeErrorData>) => error.code === -32800);
      assert.equal((await running).groups.length, 1);
    } finally {
      await session.shutdown();
      await project.dispose();
    }
    tally('probe faults injected', 1);
  });

  it('the server killed mid-probe leaves no make process and, after the next probe, no sandbox copy', async () => {
    const project = await scratchProject({ Makefile: 'all:\n\t+sleep 300 & sleep 300; wait\n' });
    // A private TMPDIR for the server: its sandbox copies (and only they) are found and counted there.
    const privateTmp = path.join(project.root, 'tmp');
    await mkdir(privateTmp);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    let groups: number[] = [];
    let serverExited = (): boolean => false;
    try {
      const { session } = await LspSession.start(project.directory);
      serverExited = () => session.child.exitCode !== null || session.child.signalCode !== null;
      try {
        const pending = session.connection.sendRequest(DryRunRequest, { uri: fileUri(project.directory) });
        pending.catch(() => undefined);
        // The '+' line runs in a sandbox copy: wait for make, the shell and both sleeps.
        const started = await pollUntil(() => {
          groups = [...new Set(processesUnder(privateTmp).map((p) => p.pgid))];
          return groups.some((pgid) => processesInGroup(pgid).length >= 3);
        }, 20000);
        assert.ok(started, 'the probe started make and its recipe');
      } finally {
        session.kill();
      }
      const gone = await pollUntil(() => groups.every((pgid) => processesInGroup(pgid).length === 0), 5000);
      assert.ok(
        gone,
        `make and its recipe ended after the server was killed: ${groups.flatMap(processesInGroup)}`,
      );
      const left = readdirSync(privateTmp);
      assert.equal(left.length, 1, 'the dead server left its sandbox copy');
      // The next probe that makes a sandbox removes copies whose process is gone and that are
      // older than ten minutes: the copy is made to look an hour old.
      assert.ok(await pollUntil(() => serverExited(), 5000), 'the killed server was reaped');
      const hourAgo = new Date(Date.now() - 3600_000);
      await utimes(path.join(privateTmp, left[0]), hourAgo, hourAgo);
      await dryRunProbe({ directory: project.directory, targets: ['all'], timeoutMs: 1000 }).catch(
        () => undefined,
      );
      assert.deepEqual(readdirSync(privateTmp), [], 'the stale sandbox copy is removed');
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      await project.dispose();
    }
    tally('probe faults injected', 1);
  });
});
