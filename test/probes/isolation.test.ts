// Isolation at the project's own paths: hostile writes contained, fallbacks forced, non-root, nothing left behind.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { databaseProbe } from '../../engine/probes/databaseProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { findOnPath } from '../../engine/probes/findOnPath';
import { compiledLauncher } from '../../engine/probes/isolation/compiledLauncher';
import { ProbeError } from '../../engine/probes/probeOptions';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import { timingProbe } from '../../engine/probes/timingProbe';
import { traceProbe } from '../../engine/probes/traceProbe';
import { parallelDiffProbe } from '../../engine/parallel/parallelDiffProbe';
import { changedSince, momentAfter } from './support/ctimeCheck';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, repoRoot, requireMake } from './support/makes';
import { withPrivateTmp } from './support/privateTmp';
import { pollUntil } from './support/processGroups';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');

function requireCli(): void {
  if (!existsSync(cliPath))
    throw new Error(`${cliPath} is missing: run npm run build (the build layer) first`);
}

/** Runs `work` and proves that neither the project nor its parent folder changed, down to ctimes. */
async function untouched<T>(workspace: Workspace, work: () => Promise<T>): Promise<T> {
  const parent = path.dirname(workspace.directory);
  const markers = await mkdtemp(path.join(tmpdir(), 'makescope-marker-'));
  try {
    const since = await momentAfter([parent], path.join(markers, 'marker'));
    const result = await work();
    assert.deepEqual(await changedSince(workspace.directory, since), [], 'the project changed');
    assert.deepEqual(await changedSince(parent, since, false), [], 'the folder around the project changed');
    return result;
  } finally {
    await rm(markers, { recursive: true, force: true });
  }
}

// Both namespace launchers: the compiled one (the default where cc builds it) on every make, Perl's on one.
const LAUNCHERS = MAKES.flatMap((make, index) =>
  index === 0
    ? [
        { make, launcher: 'compiled' },
        { make, launcher: 'perl' },
      ]
    : [{ make, launcher: 'compiled' }],
);

for (const { make, launcher } of LAUNCHERS) {
  describe(`isolation at the same paths, GNU make ${make.version}, the ${launcher} launcher`, () => {
    let workspace: Workspace | undefined;
    const chosen = process.env.MAKESCOPE_LAUNCHER;
    before(async () => {
      requireMake(make);
      if (launcher === 'perl') process.env.MAKESCOPE_LAUNCHER = 'perl';
      else if (!(await compiledLauncher()))
        throw new Error('the compiled launcher needs a C compiler: apt-get install gcc');
    });
    after(() => {
      if (chosen === undefined) delete process.env.MAKESCOPE_LAUNCHER;
      else process.env.MAKESCOPE_LAUNCHER = chosen;
    });
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
      await rm('/tmp/makescope-isolation-hostile-tmp', { force: true });
    });

    it('contains writes by absolute path inside the project, next to it and in /tmp, under every probe', async () => {
      workspace = await workspaceFrom('isolation-hostile');
      const directory = workspace.directory;
      const options = { directory, make: make.path };
      await untouched(workspace, async () => {
        const database = await databaseProbe(options);
        assert.equal(database.placement.where, 'isolated');
        assert.equal(database.placement.isolation?.root, directory);
        const dryRun = await dryRunProbe({ ...options, targets: ['all'] });
        // make saw its own writes at the real paths: the stamp's recipe names the project, not a copy.
        assert.ok(
          dryRun.groups.some((group) => group.commands.some((line) => line.includes(`${directory}/stamp`))),
        );
        await traceProbe(options);
        await convergenceProbe({ ...options, buildFirst: true });
        await timingProbe({ ...options, build: true });
        const resolved = await resolveProbe({ ...options, variables: ['HERE'] });
        assert.equal(resolved.values[0].value, directory);
      });
      assert.equal(existsSync('/tmp/makescope-isolation-hostile-tmp'), false, 'a write to /tmp is private');
    });

    it('sees a make program kept under /tmp outside the project, read-only', async () => {
      workspace = await workspaceFrom('parallel-clean');
      const folder = await mkdtemp('/tmp/makescope-make-');
      try {
        const program = path.join(folder, 'make');
        await cp(make.path, program);
        await writeFile(
          path.join(workspace.directory, 'probe.mk'),
          `W := $(shell touch ${folder}/written && echo yes)\nall: ; @true\n`,
        );
        const result = await resolveProbe({
          directory: workspace.directory,
          make: program,
          makefile: 'probe.mk',
          variables: ['W'],
        });
        assert.equal(result.placement.where, 'isolated');
        assert.equal(result.values[0].value, '', 'the folder is read-only inside');
        assert.deepEqual(await readdir(folder), ['make']);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    it('answers with the real paths, never a scratch path', async () => {
      workspace = await workspaceFrom('isolation-hostile');
      const result = await convergenceProbe({
        directory: workspace.directory,
        make: make.path,
        buildFirst: true,
      });
      const text = JSON.stringify(result);
      assert.doesNotMatch(text, /makescope-(iso|sandbox|files)-/);
      assert.match(text, new RegExp(workspace.directory.replace(/[/.]/g, '\\$&')));
    });

    it('a build that writes outside the project fails loudly and writes nothing there', async () => {
      workspace = await workspaceFrom('isolation-hostile');
      const directory = workspace.directory;
      const outside = await mkdtemp(path.join(repoRoot, '.cache', 'outside-'));
      try {
        await writeFile(path.join(directory, 'escape.mk'), `all:\n\techo x > ${outside}/landed\n`);
        await untouched(workspace, async () => {
          await assert.rejects(
            convergenceProbe({ directory, make: make.path, makefile: 'escape.mk', buildFirst: true }),
            // Read-only outside the project; a folder under /tmp is not even there (the private /tmp).
            (error: unknown) =>
              error instanceof ProbeError &&
              /Read-only file system|Directory nonexistent/.test(error.message),
          );
        });
        assert.deepEqual(await readdir(outside), []);
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    });
  });
}

describe('isolation: code that `load` runs, and the parallel comparison', () => {
  let workspace: Workspace | undefined;
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('contains a `load`ed plugin that writes inside the project and next to it', async () => {
    const cc = await findOnPath('gcc');
    if (!cc) throw new Error('gcc is needed to build the plugin: apt-get install gcc');
    workspace = await workspaceFrom('isolation-hostile');
    const directory = workspace.directory;
    const source = path.join(directory, 'plugin.c');
    await writeFile(
      source,
      [
        '#include <stdio.h>',
        'int plugin_is_GPL_compatible;',
        'static void put(const char *file) { FILE *f = fopen(file, "w"); if (f) { fputs("loaded\\n", f); fclose(f); } }',
        `int plugin_gmk_setup(void) { put("${directory}/loaded-inside"); put("${directory}/../loaded-outside"); return 1; }`,
      ].join('\n'),
    );
    execFileSync(cc, ['-shared', '-fPIC', '-o', path.join(directory, 'plugin.so'), source]);
    await writeFile(path.join(directory, 'load.mk'), 'load ./plugin.so\nall: ; @echo ok\n');
    await untouched(workspace, async () => {
      const result = await databaseProbe({ directory, make: MAKES[0].path, makefile: 'load.mk' });
      assert.equal(result.placement.where, 'isolated');
    });
    assert.equal(existsSync(path.join(directory, 'loaded-inside')), false);
    assert.equal(existsSync(path.join(path.dirname(directory), 'loaded-outside')), false);
  });

  it('compares serial and parallel builds without touching the project, from their upper layers', async () => {
    workspace = await workspaceFrom('parallel-race-missing-prerequisite');
    const directory = workspace.directory;
    const result = await untouched(workspace, () =>
      withPrivateTmp(() => parallelDiffProbe({ directory, make: MAKES[0].path, jobs: 2, runs: 2 })),
    );
    assert.equal(result.placement?.where, 'isolated');
    assert.equal(result.sandboxBytes, 0);
    assert.deepEqual(result.runs[0].created.sort(), ['app.txt', 'config.h']);
    assert.equal(result.findings[0]?.kind, 'missing-prerequisite');
    assert.equal(result.findings[0]?.rule?.file, path.join(directory, 'Makefile'));
  });
});

describe('isolation fallbacks, forced', () => {
  let workspace: Workspace | undefined;
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
    await rm('/tmp/makescope-isolation-hostile-tmp', { force: true });
  });

  it('fuse-overlayfs where the kernel refuses overlayfs: the same answers, the project untouched', async () => {
    const fuse = await findOnPath('fuse-overlayfs');
    if (!fuse) throw new Error('fuse-overlayfs is needed for this test: apt-get install fuse-overlayfs');
    workspace = await workspaceFrom('isolation-hostile');
    const directory = workspace.directory;
    const isolation = {
      kind: 'fuse-overlayfs',
      userNamespace: process.getuid?.() !== 0,
      fuseOverlayfs: fuse,
    } as const;
    await untouched(workspace, async () => {
      const options = { directory, make: MAKES[0].path, buildFirst: true };
      const overFuse = await convergenceProbe({ ...options, isolation });
      const overKernel = await convergenceProbe(options);
      assert.equal(overFuse.placement.isolation?.kind, 'fuse-overlayfs');
      assert.equal(overKernel.placement.isolation?.kind, 'overlayfs');
      // The makefile writes CMakeFiles/Progress/1 every time it is read: both see it, the same way.
      assert.equal(overFuse.verdict, 'not-converged');
      const written = (result: typeof overFuse): string[] =>
        (result.observed?.written ?? []).map(
          (file) => `${file.change} ${path.relative(directory, file.path)}`,
        );
      assert.deepEqual(written(overFuse), ['changed CMakeFiles/Progress/1']);
      assert.deepEqual(written(overFuse), written(overKernel));
    });
  });

  it('without namespaces: a copy when the makefiles name no path of the project', async () => {
    workspace = await workspaceFrom('parallel-clean');
    const isolation = { kind: 'none', why: 'forced by the test' } as const;
    const result = await untouched(workspace, () =>
      convergenceProbe({ directory: workspace!.directory, make: MAKES[0].path, buildFirst: true, isolation }),
    );
    assert.equal(result.placement.where, 'copy');
  });

  it('without namespaces: refused, with the way out, when the makefiles name the project by absolute path', async () => {
    workspace = await workspaceFrom('isolation-hostile');
    await writeFile(
      path.join(workspace.directory, 'Makefile'),
      `ROOT = ${workspace.directory}\n` +
        (await readFile(path.join(workspace.directory, 'Makefile'), 'utf8')),
    );
    const isolation = { kind: 'none', why: 'forced by the test' } as const;
    await assert.rejects(
      convergenceProbe({ directory: workspace.directory, make: MAKES[0].path, isolation }),
      (error: unknown) =>
        error instanceof ProbeError &&
        error.kind === 'refused' &&
        /cannot be isolated here: forced by the test; a copy is not safe either: .*a path inside the project.*unprivileged_userns_clone=1/.test(
          error.message,
        ),
    );
  });
});

describe('isolation as a normal user, and nothing left behind', () => {
  let workspace: Workspace | undefined;
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('runs in an unprivileged user namespace as a non-root user; make runs as that user', async () => {
    requireCli();
    workspace = await workspaceFrom('isolation-hostile');
    const directory = workspace.directory;
    await writeFile(path.join(directory, 'whoami.mk'), 'WHO := $(shell id -u)\nall: ; +id -u > uid.txt\n');
    // As root, the test drops to "nobody" with setpriv; as a normal user it already is one.
    const asUser: string[] = [];
    const home = await mkdtemp(path.join(tmpdir(), 'makescope-home-'));
    if (process.getuid?.() === 0) {
      const setpriv = await findOnPath('setpriv');
      if (!setpriv) throw new Error('setpriv is needed to test as a normal user: apt-get install util-linux');
      for (const folder of [path.dirname(directory), home])
        execFileSync('chown', ['-R', '65534:65534', folder]);
      asUser.push(setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--');
    }
    try {
      await untouched(workspace, async () => {
        const run = (probe: string[]): unknown => {
          const [program, ...args] = [
            ...asUser,
            process.execPath,
            cliPath,
            ...probe,
            '-C',
            directory,
            '-f',
            'whoami.mk',
            '--json',
          ];
          const env = { ...process.env, HOME: home, TMPDIR: home };
          const done = spawnSync(program, args, { env, encoding: 'utf8', timeout: 60000 });
          assert.notEqual(done.status, 2, done.stderr);
          return JSON.parse(done.stdout);
        };
        const dryRun = run(['dry-run']) as { placement: { where: string } };
        assert.equal(dryRun.placement.where, 'isolated');
        const who = run(['vars', 'WHO']) as { values: { value: string }[] };
        assert.equal(who.values[0].value, String(asUser.length > 0 ? 65534 : process.getuid?.()));
      });
      // What stays is what detection found (make, the isolation that works), kept for the next call.
      assert.deepEqual(await readdir(home), ['.cache'], 'the scratch folders are gone');
      assert.deepEqual(await readdir(path.join(home, '.cache')), ['makescope']);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('a CLI killed with SIGKILL mid-probe leaves no scratch folder and no process', async () => {
    requireCli();
    workspace = await workspaceFrom('slow-recipe');
    const scratch = await mkdtemp(path.join(tmpdir(), 'makescope-killed-'));
    try {
      const child = spawn(process.execPath, [cliPath, 'dry-run', '-C', workspace.directory], {
        env: { ...process.env, TMPDIR: scratch },
        stdio: 'ignore',
      });
      const running = await pollUntil(
        () => readdirSync(scratch).some((n) => n.startsWith('makescope-iso-')),
        20000,
      );
      assert.ok(running, 'the probe made its isolation');
      child.kill('SIGKILL');
      const cleaned = await pollUntil(() => readdirSync(scratch).length === 0, 20000);
      assert.ok(cleaned, `left behind: ${(await readdir(scratch)).join(', ')}`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('removes a scratch folder left by a process that is gone, at the next start', async () => {
    requireCli();
    workspace = await workspaceFrom('parallel-clean');
    const scratch = await mkdtemp(path.join(tmpdir(), 'makescope-stale-'));
    try {
      // A process id that cannot run: above the kernel's pid_max.
      const stale = path.join(scratch, 'makescope-iso-99999999-abcdef');
      await mkdir(path.join(stale, 'work', 'work'), { recursive: true });
      const old = new Date(Date.now() - 3600_000);
      await utimes(stale, old, old);
      execFileSync(process.execPath, [cliPath, 'vars', '-C', workspace.directory, '--json'], {
        env: { ...process.env, TMPDIR: scratch },
      });
      assert.deepEqual(await readdir(scratch), []);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
