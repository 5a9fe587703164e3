// Timeline and audit on a project reached through a symlink that leaves its repository (a worktree's symlinked .cache).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { auditProbe } from '../../engine/audit/auditProbe';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { ProbeError } from '../../engine/probes/probeOptions';
import { timelineProbe } from '../../engine/timeline/timelineProbe';
import { workspaceFrom } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { withPrivateTmp } from './support/privateTmp';

const STRACE = ['/usr/bin/strace', '/bin/strace'].find((file) => existsSync(file));

interface Linked {
  /** The project as the user names it: through `repo/cache`, a symlink to a folder outside the repository. */
  directory: string;
  /** The same folder by its real path. */
  real: string;
  dispose(): Promise<void>;
}

const scratchFolder = async (): Promise<string> =>
  realpath(await mkdtemp(path.join(tmpdir(), 'makescope-link-')));

/**
 * repo/.git and repo/cache -> elsewhere, with the fixture in elsewhere/NAME: elsewhere beside repo, or
 * (apart) in a folder of its own, so that the two meet only at /tmp, as a worktree and the main
 * checkout meet only at /work.
 */
async function linkedWorkspace(name: string, apart = false): Promise<Linked> {
  const top = await scratchFolder();
  const other = apart ? await scratchFolder() : top;
  await mkdir(path.join(top, 'repo', '.git'), { recursive: true });
  await mkdir(path.join(other, 'elsewhere'));
  await symlink(path.join(other, 'elsewhere'), path.join(top, 'repo', 'cache'));
  const fixture = await workspaceFrom(name);
  const real = path.join(other, 'elsewhere', name);
  await rename(fixture.directory, real);
  await fixture.dispose();
  return {
    directory: path.join(top, 'repo', 'cache', name),
    real,
    dispose: async () => {
      await rm(top, { recursive: true, force: true });
      await rm(other, { recursive: true, force: true });
    },
  };
}

for (const make of MAKES) {
  describe(`a project reached through a symlink out of its repository, GNU make ${make.version}`, () => {
    let linked: Linked | undefined;
    before(() => {
      requireMake(make);
      if (!STRACE)
        throw new Error('strace is missing: apt-get install strace (timeline and audit trace a build)');
    });
    afterEach(async () => {
      await linked?.dispose();
      linked = undefined;
    });

    it('builds the timeline with its critical path across both make levels, the real tree unchanged', async () => {
      linked = await linkedWorkspace('timeline-recursive');
      const { directory, real } = linked;
      const result = await unchanged(real, () =>
        timelineProbe({ directory, make: make.path, strace: STRACE, jobs: 2 }),
      );
      assert.equal(result.exitCode, 0, result.output);
      const chain = result.timeline.criticalPath.map((one) => `${one.level}:${one.target}`);
      assert.deepEqual(chain, ['1:y', '1:x', '0:all']);
      assert.equal(result.timeline.criticalPath[0].directory, path.join(real, 'sub'));
    });

    it('audits the clean build with no findings, the real tree unchanged', async () => {
      linked = await linkedWorkspace('audit-clean');
      const { directory, real } = linked;
      const result = await withPrivateTmp(() =>
        unchanged(real, () => auditProbe({ directory, make: make.path })),
      );
      assert.equal(result.exitCode, 0, result.notes.join('\n'));
      assert.equal(result.tracing.state, 'traced');
      assert.deepEqual(result.findings, []);
      assert.equal(result.auditedTargets, 4);
    });

    it('sees the makefile make remakes in the isolated layer (a probe of one make run), the real tree unchanged', async () => {
      linked = await linkedWorkspace('risk-remade-makefile');
      const { directory, real } = linked;
      const result = await unchanged(real, () => convergenceProbe({ directory, make: make.path }));
      assert.equal(result.placement.where, 'isolated');
      assert.equal(result.verdict, 'not-converged');
      assert.deepEqual(
        result.stale.map((t) => [t.name, t.reason.kind]),
        [['config.mk', 'remade-makefile']],
      );
    });

    // Without namespaces the fallback is a copy, safe only when the makefiles name no path of the
    // project; the project named by its linked path is still the project.
    const refusedCopy = (error: unknown): boolean =>
      error instanceof ProbeError &&
      error.kind === 'refused' &&
      /cannot be isolated here: forced by the test; a copy is not safe either/.test(error.message);
    const noNamespaces = { kind: 'none', why: 'forced by the test' } as const;

    it('without namespaces: runs in a copy when the makefiles name no path of the project, the real tree unchanged', async () => {
      linked = await linkedWorkspace('parallel-clean', true);
      const { directory, real } = linked;
      const result = await unchanged(real, () =>
        convergenceProbe({ directory, make: make.path, buildFirst: true, isolation: noNamespaces }),
      );
      assert.equal(result.placement.where, 'copy');
    });

    it('without namespaces: refuses the copy when the makefiles name the project by its linked path', async () => {
      linked = await linkedWorkspace('parallel-clean', true);
      const { directory, real } = linked;
      const makefile = path.join(real, 'Makefile');
      // A copy elsewhere would still write here, through the link, into the real tree.
      const header = `ROOT = ${directory}\n$(shell echo escaped > $(ROOT)/written-through-the-link)\n`;
      await writeFile(makefile, header + (await readFile(makefile, 'utf8')));
      await unchanged(real, () =>
        assert.rejects(
          convergenceProbe({ directory, make: make.path, buildFirst: true, isolation: noNamespaces }),
          refusedCopy,
        ),
      );
    });

    it('without namespaces: refuses the copy of a folder whose makefile reaches ../ beside it', async () => {
      linked = await linkedWorkspace('parallel-clean', true);
      const { directory, real } = linked;
      await mkdir(path.join(real, 'src'));
      await writeFile(
        path.join(real, 'src', 'Makefile'),
        'all: ../out/joined.txt\n\t@echo from src\n../out/joined.txt:\n\t$(MAKE) -C .. out/joined.txt\n',
      );
      await unchanged(real, () =>
        assert.rejects(
          convergenceProbe({
            directory: path.join(directory, 'src'),
            make: make.path,
            buildFirst: true,
            isolation: noNamespaces,
          }),
          refusedCopy,
        ),
      );
    });
  });
}
