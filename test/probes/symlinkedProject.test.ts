// Timeline and audit on a project reached through a symlink that leaves its repository (a worktree's symlinked .cache).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { auditProbe } from '../../engine/audit/auditProbe';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
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

/** repo/.git and repo/cache -> ../elsewhere, with the fixture in elsewhere/NAME. */
async function linkedWorkspace(name: string): Promise<Linked> {
  const top = await realpath(await mkdtemp(path.join(tmpdir(), 'makescope-link-')));
  await mkdir(path.join(top, 'repo', '.git'), { recursive: true });
  await mkdir(path.join(top, 'elsewhere'));
  await symlink(path.join(top, 'elsewhere'), path.join(top, 'repo', 'cache'));
  const fixture = await workspaceFrom(name);
  const real = path.join(top, 'elsewhere', name);
  await rename(fixture.directory, real);
  await fixture.dispose();
  return {
    directory: path.join(top, 'repo', 'cache', name),
    real,
    dispose: () => rm(top, { recursive: true, force: true }),
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
  });
}
