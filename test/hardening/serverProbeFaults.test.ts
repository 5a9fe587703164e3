// Probe faults through the server (stdio LSP): two probes on one folder never interleave; a killed server leaves no make.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { ResponseError } from 'vscode-jsonrpc/node';
import { DryRunRequest, type ProbeErrorData } from '../../contract/protocol';
import { pollUntil, processesInGroup } from '../probes/support/processGroups';
import { fileUri, LspSession } from '../server/lspSession';
import { scratchProject } from './support/scratch';
import { tally } from './support/tally';

/** Live processes whose working directory is inside `directory`, with their process groups and names. */
function processesUnder(directory: string): { pid: number; pgid: number; comm: string }[] {
  const found: { pid: number; pgid: number; comm: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd !== directory && !cwd.startsWith(directory + path.sep)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (fields[0] !== 'Z') found.push({ pid: Number(entry), pgid: Number(fields[2]), comm });
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}

describe('hardening: probe faults through the server', () => {
  it('two probes at once on one folder run one after the other, never interleaved', async () => {
    const project = await scratchProject({});
    const { writeFile } = await import('node:fs/promises');
    // Every make run pauses while it reads the makefile; its writes are isolated, so the order is
    // watched from outside: the make processes working in the project, never two at once.
    await writeFile(path.join(project.directory, 'Makefile'), 'X := $(shell sleep 0.3)\na b: ; @echo $@\n');
    const { session } = await LspSession.start(project.directory);
    try {
      const uri = fileUri(project.directory);
      const seen = new Set<number>();
      let most = 0;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          const makes = processesUnder(project.directory).filter((p) => p.comm === 'make');
          for (const make of makes) seen.add(make.pgid);
          most = Math.max(most, new Set(makes.map((make) => make.pgid)).size);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const [first, second] = await Promise.all([
        session.connection.sendRequest(DryRunRequest, { uri, targets: ['a'] }),
        session.connection.sendRequest(DryRunRequest, { uri, targets: ['b'] }),
      ]);
      watching = false;
      await watch;
      assert.deepEqual(
        first.groups.map((g) => g.target),
        ['a'],
      );
      assert.deepEqual(
        second.groups.map((g) => g.target),
        ['b'],
      );
      assert.ok(seen.size >= 2, `both probes were seen running make (${seen.size} make runs)`);
      assert.equal(most, 1, 'two make runs of one folder at the same time');
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

  it('the server killed mid-probe leaves no make process and no scratch folder', async () => {
    const project = await scratchProject({ Makefile: 'all:\n\t+sleep 300 & sleep 300; wait\n' });
    // A private TMPDIR for the server: its scratch folders (and only they) are found there.
    const privateTmp = path.join(project.root, 'tmp');
    await mkdir(privateTmp);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    let groups: number[] = [];
    try {
      const { session } = await LspSession.start(project.directory);
      try {
        const pending = session.connection.sendRequest(DryRunRequest, { uri: fileUri(project.directory) });
        pending.catch(() => undefined);
        // The '+' line runs (isolated, in the project's own folder): wait for make, the shell and both sleeps.
        const started = await pollUntil(() => {
          groups = [...new Set(processesUnder(project.directory).map((p) => p.pgid))];
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
      // The server's guard removes its isolation folder once the server is gone.
      const cleaned = await pollUntil(() => readdirSync(privateTmp).length === 0, 10000);
      assert.ok(cleaned, `left behind: ${readdirSync(privateTmp).join(', ')}`);
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
      await project.dispose();
    }
    tally('probe faults injected', 1);
  });
});
