// Probe faults with real make: missing or non-GNU make, hangs, floods, signals, endless recursion, a full disk.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { runProcess } from '../../engine/probes/exec';
import { ProbeError } from '../../engine/probes/probeOptions';
import { assessSafety } from '../../engine/probes/safety';
import { timingProbe } from '../../engine/probes/timingProbe';
import { unchanged } from '../probes/support/probeCheck';
import { pollUntil, processesInGroup } from '../probes/support/processGroups';
import { scratchProject, type Scratch } from './support/scratch';
import { tally } from './support/tally';

const isProbeError =
  (kind: ProbeError['kind'], message: RegExp) =>
  (error: unknown): boolean => {
    assert.ok(error instanceof ProbeError, `not a ProbeError: ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, message);
    return true;
  };

/** Runs `probe` on a scratch project, checks the project is unchanged, and disposes it. */
async function onProject<T>(
  files: Record<string, string>,
  probe: (project: Scratch) => Promise<T>,
): Promise<T> {
  const project = await scratchProject(files);
  try {
    return await unchanged(project.directory, () => probe(project));
  } finally {
    await project.dispose();
  }
}

/** Every process group a probe started is empty within `ms`. */
async function groupsEnd(groups: number[], ms = 2000): Promise<void> {
  const gone = await pollUntil(() => groups.every((pgid) => processesInGroup(pgid).length === 0), ms);
  assert.ok(gone, `processes left: ${groups.flatMap(processesInGroup).join(' ')}`);
}

describe('hardening: probe faults (real make)', () => {
  const simple = { Makefile: 'all: out\nout: in\n\tcp in out\n', in: 'x\n' };

  it('make missing: one clear line naming the path and what to install', async () => {
    await onProject(simple, ({ directory }) =>
      assert.rejects(
        dryRunProbe({ directory, make: '/nonexistent/bin/make' }),
        isProbeError(
          'make-missing',
          /^make not found \('\/nonexistent\/bin\/make'\): install GNU make[^\n]*$/,
        ),
      ),
    );
    tally('probe faults injected', 1);
  });

  it('a non-GNU make (Debian bmake): one line saying what to install', async () => {
    if (!existsSync('/usr/bin/bmake')) throw new Error('bmake is missing: apt-get install bmake');
    await onProject(simple, ({ directory }) =>
      assert.rejects(
        convergenceProbe({ directory, make: '/usr/bin/bmake' }),
        isProbeError('make-missing', /^'\/usr\/bin\/bmake' is not GNU make[^\n]*install GNU make[^\n]*$/),
      ),
    );
    tally('probe faults injected', 1);
  });

  it('make that hangs: the timeout ends make and every child it started', async () => {
    const groups: number[] = [];
    let most = 0;
    await onProject(
      { Makefile: 'X := $(shell sleep 300 & sleep 300)\nall: ; @echo $(X)\n' },
      ({ directory }) => {
        const watch = setInterval(() => {
          for (const pgid of groups) most = Math.max(most, processesInGroup(pgid).length);
        }, 5);
        return assert
          .rejects(
            dryRunProbe({ directory, timeoutMs: 2000, onSpawn: (pid) => groups.push(pid) }),
            isProbeError('timeout', /^timed out after 2000 ms$/),
          )
          .finally(() => clearInterval(watch));
      },
    );
    assert.ok(most >= 3, `make, the shell and both sleeps were seen in the group (most: ${most})`);
    await groupsEnd(groups);
    tally('probe faults injected', 1);
  });

  it('make that prints 1 GB: the output cap stops it early, without holding 1 GB', async () => {
    const groups: number[] = [];
    const rssBefore = process.memoryUsage().rss;
    await onProject({ Makefile: "all:\n\t+@head -c 1073741824 /dev/zero | tr '\\0' x\n" }, ({ directory }) =>
      assert.rejects(
        dryRunProbe({ directory, maxOutputBytes: 4 * 1024 * 1024, onSpawn: (pid) => groups.push(pid) }),
        isProbeError('truncated', /^output truncated at 4 MB$/),
      ),
    );
    await groupsEnd(groups);
    const grown = (process.memoryUsage().rss - rssBefore) / 1048576;
    assert.ok(grown < 256, `the test process grew by ${grown.toFixed(0)} MB`);
    tally('probe faults injected', 1);
  });

  it('make killed by a signal: a make failure that names the signal', async () => {
    await onProject({ Makefile: 'X := $(shell kill -KILL $$PPID)\nall: ; @echo $(X)\n' }, ({ directory }) =>
      assert.rejects(
        dryRunProbe({ directory }),
        isProbeError('make-failed', /^make -n --trace -p was killed by signal SIGKILL$/),
      ),
    );
    const killed = await runProcess({
      file: 'sh',
      args: ['-c', 'kill -TERM $$'],
      cwd: '/',
      timeoutMs: 10000,
      maxOutputBytes: 1024,
    });
    assert.deepEqual([killed.outcome, killed.exitCode, killed.signal], ['exited', null, 'SIGTERM']);
    tally('probe faults injected', 1);
  });

  it('a Makefile that calls $(MAKE) on itself forever: ended, with the depth and the likely cause', async () => {
    const groups: number[] = [];
    await onProject({ Makefile: 'all:\n\t+@$(MAKE) all\n' }, ({ directory }) =>
      assert.rejects(
        dryRunProbe({ directory, timeoutMs: 3000, onSpawn: (pid) => groups.push(pid) }),
        isProbeError(
          'timeout',
          /^timed out after 3000 ms; make was \d+ levels deep: a recipe may run \$\(MAKE\) on its own goal$/,
        ),
      ),
    );
    await groupsEnd(groups, 5000);
    // Without directory messages the depth is unknown: the timeout alone still ends it.
    await onProject({ Makefile: 'all:\n\t+@$(MAKE) --no-print-directory all\n' }, ({ directory }) =>
      assert.rejects(
        dryRunProbe({ directory, timeoutMs: 3000, onSpawn: (pid) => groups.push(pid) }),
        isProbeError('timeout', /^timed out after 3000 ms$/),
      ),
    );
    await groupsEnd(groups, 5000);
    tally('probe faults injected', 2);
  });
});

describe('hardening: makefiles that include devices and FIFOs', () => {
  it('the safety check reads only regular files: include /dev/zero does not exhaust memory', async () => {
    await onProject(
      { Makefile: 'include /dev/zero /dev/stdin\nall: ; @echo hi\n' },
      async ({ directory }) => {
        const report = await assessSafety(directory);
        assert.deepEqual(report.files, ['Makefile']);
        assert.deepEqual(report.makefiles, ['Makefile', '/dev/zero', '/dev/stdin']);
      },
    );
    tally('probe faults injected', 1);
  });

  it('an include of a FIFO nobody writes: the probe times out, make is ended, the server thread is free', async () => {
    const project = await scratchProject({});
    const fifo = path.join(project.root, 'fifo');
    try {
      execFileSync('mkfifo', [fifo]);
      await writeFile(path.join(project.directory, 'Makefile'), `-include ${fifo}\nall: ; @echo hi\n`);
      const groups: number[] = [];
      await assert.rejects(
        dryRunProbe({ directory: project.directory, timeoutMs: 1500, onSpawn: (pid) => groups.push(pid) }),
        isProbeError('timeout', /^timed out after 1500 ms$/),
      );
      await groupsEnd(groups);
    } finally {
      await project.dispose();
    }
    tally('probe faults injected', 1);
  });
});

describe('hardening: a sandbox that runs out of space', () => {
  let mount: string;
  const savedTmp = process.env.TMPDIR;

  before(async () => {
    mount = await mkdtemp(path.join(tmpdir(), 'makescope-hardening-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(
        `mounting a 1 MB tmpfs failed (${String(error).trim()}): run the hardening layer as root ` +
          'with CAP_SYS_ADMIN (e.g. docker run --privileged)',
      );
    }
    // os.tmpdir() reads TMPDIR on every call: the sandbox goes to the small tmpfs.
    process.env.TMPDIR = mount;
  });
  after(async () => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    execFileSync('umount', [mount]);
    await rm(mount, { recursive: true, force: true });
  });

  it('where a copy stands in for isolation, a copy that does not fit: a clear error, and no partial copy left', async () => {
    await onProject(
      { Makefile: 'all: ; @echo hi\n', 'data.bin': 'x'.repeat(2 * 1024 * 1024) },
      ({ directory }) =>
        assert.rejects(
          dryRunProbe({
            directory,
            sandbox: 'always',
            isolation: { kind: 'none', why: 'forced by the test' },
          }),
          isProbeError(
            'sandbox',
            /^could not make the sandbox copy of \S+: no space left in \S+ \(set TMPDIR/,
          ),
        ),
    );
    assert.deepEqual(readdirSync(mount), [], 'the sandbox folder is removed');
    tally('probe faults injected', 1);
  });

  it('the build fills the sandbox: make fails, the probe says so, and the copy is removed', async () => {
    await onProject(
      { Makefile: 'all: big\nbig:\n\thead -c 4000000 /dev/zero > big\n' },
      async ({ directory }) => {
        const timing = await timingProbe({ directory, build: true });
        assert.notEqual(timing.buildExitCode, 0);
        assert.match(JSON.stringify(timing), /No space left on device/);
      },
    );
    assert.deepEqual(readdirSync(mount), [], 'the sandbox folder is removed');
    tally('probe faults injected', 1);
  });
});
