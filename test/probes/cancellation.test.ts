// Cancelling a probe ends every process it started (make's whole process group) within 1 s.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { runProcess } from '../../engine/probes/exec';
import { workspaceFrom } from './support/fixtureCopy';
import { MAKES, repoRoot, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { withPrivateTmp } from './support/privateTmp';
import { cancelAndExpectNoProcessLeft } from './support/cancelProbe';
import { pollUntil, processesInGroup } from './support/processGroups';

for (const make of MAKES) {
  describe(`cancellation, GNU make ${make.version}`, () => {
    before(() => requireMake(make));

    it('kills make and its recipe processes within 1 s and removes the isolation', async () => {
      const workspace = await workspaceFrom('slow-recipe');
      try {
        const controller = new AbortController();
        const groups: number[] = [];
        await withPrivateTmp(() =>
          unchanged(workspace.directory, async () => {
            const probe = dryRunProbe({
              directory: workspace.directory,
              make: make.path,
              signal: controller.signal,
              onSpawn: (pid) => groups.push(pid),
            });
            // Wait until make runs the '+' line: make, the shell and both sleeps are in the group.
            const started = await pollUntil(
              () => groups.length > 0 && processesInGroup(groups[groups.length - 1]).length >= 3,
              20000,
            );
            assert.ok(started, 'the slow recipe started');
            const leader = groups[groups.length - 1];
            // Isolated at the same path: make works in the workspace's own folder, in a mount namespace of its own.
            assert.equal(readlinkSync(`/proc/${leader}/cwd`), workspace.directory);
            assert.notEqual(readlinkSync(`/proc/${leader}/ns/mnt`), readlinkSync('/proc/self/ns/mnt'));
            await cancelAndExpectNoProcessLeft(controller, probe, groups);
          }),
        );
      } finally {
        await workspace.dispose();
      }
    });
  });
}

describe('process runner', () => {
  it('stops a process that writes too much and says where it was truncated', async () => {
    const result = await runProcess({
      file: 'yes',
      args: [],
      cwd: '/',
      timeoutMs: 20000,
      maxOutputBytes: 1024 * 1024,
    });
    assert.equal(result.outcome, 'truncated');
    assert.equal(result.message, 'output truncated at 1 MB');
  });

  it('a process killed while make runs leaves none of its groups behind (the orphan guard)', async () => {
    // A separate Node process runs two groups (one finished, one still running) and is then killed.
    const folder = await mkdtemp(path.join(tmpdir(), 'makescope-guard-'));
    const script = path.join(folder, 'runner.ts');
    const exec = path.join(repoRoot, 'engine', 'probes', 'exec.ts');
    await writeFile(
      script,
      `import { runProcess } from ${JSON.stringify(exec)};\n` +
        `const base = { cwd: '/', timeoutMs: 120000, maxOutputBytes: 1024 };\n` +
        `void (async () => {\n` +
        `  await runProcess({ ...base, file: 'true', args: [] });\n` +
        `  void runProcess({ ...base, file: 'sh', args: ['-c', 'sleep 300 & sleep 300; wait'],\n` +
        `    onSpawn: (pid) => process.stdout.write(pid + '\\n') });\n` +
        `})();\n`,
    );
    const runner = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let printed = '';
      runner.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const pgid = (): number => Number(printed.trim().split('\n')[0]);
      assert.ok(
        await pollUntil(() => printed.includes('\n') && processesInGroup(pgid()).length >= 3, 20000),
        'the shell and both sleeps started',
      );
      runner.kill('SIGKILL');
      assert.ok(
        await pollUntil(() => processesInGroup(pgid()).length === 0, 5000),
        `the group of the killed process ended: ${processesInGroup(pgid()).join(' ')}`,
      );
    } finally {
      runner.kill('SIGKILL');
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('times out, killing the group', async () => {
    const groups: number[] = [];
    const result = await runProcess({
      file: 'sh',
      args: ['-c', 'sleep 300 & sleep 300; wait'],
      cwd: '/',
      timeoutMs: 300,
      maxOutputBytes: 1024,
      onSpawn: (pid) => groups.push(pid),
    });
    assert.equal(result.outcome, 'timeout');
    assert.ok(await pollUntil(() => processesInGroup(groups[0]).length === 0, 1000));
  });

  it('cleans the environment: LC_ALL=C, no MAKEFLAGS unless configured, stdin closed', async () => {
    process.env.MAKEFLAGS = '-k';
    try {
      const env = await runProcess({
        file: 'env',
        args: [],
        cwd: '/',
        timeoutMs: 5000,
        maxOutputBytes: 1 << 20,
      });
      assert.match(env.stdout, /^LC_ALL=C$/m);
      assert.doesNotMatch(env.stdout, /^MAKEFLAGS=/m);
      const configured = await runProcess({
        file: 'env',
        args: [],
        cwd: '/',
        timeoutMs: 5000,
        maxOutputBytes: 1 << 20,
        makeFlags: '-s',
      });
      assert.match(configured.stdout, /^MAKEFLAGS=-s$/m);
      const stdin = await runProcess({
        file: 'cat',
        args: [],
        cwd: '/',
        timeoutMs: 5000,
        maxOutputBytes: 1024,
      });
      assert.equal(stdin.outcome, 'exited', 'cat sees end of input at once');
    } finally {
      delete process.env.MAKEFLAGS;
    }
    assert.equal(existsSync(path.join('/', 'pwned')), false);
  });
});
