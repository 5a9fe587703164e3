// Convergence probe on real GNU make 4.3 and 4.4.1; every run leaves the workspace untouched.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { changedSince, momentAfter } from './support/ctimeCheck';
import { touch, workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

for (const make of MAKES) {
  describe(`convergence probe, GNU make ${make.version}`, () => {
    let workspace: Workspace | undefined;
    before(() => requireMake(make));
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    it('sees through the echo before $(MAKE): converged when the sub-make has no work', async () => {
      workspace = await workspaceFrom('recursive-echo-submake', { build: make.path });
      const dir = workspace.directory;
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.questionStatus, 1, 'make -q alone says stale');
      assert.equal(result.verdict, 'converged');
      assert.equal(result.seenThrough, true);
      assert.deepEqual(
        result.phony.map((t) => t.name),
        ['all'],
      );
      assert.deepEqual(
        result.subMakes.map((s) => [path.relative(dir, s.directory), s.hasWork]),
        [['lib', false]],
      );
      assert.equal(result.placement.where, 'isolated');
      assert.match(
        result.placement.reasons.join('\n'),
        /Makefile:\d+: .*\$\(MAKE\)/,
        'the $(MAKE) line is named',
      );
    });

    it('names stale targets in a sub-make with file:line and the newer prerequisite', async () => {
      workspace = await workspaceFrom('recursive-echo-submake', { build: make.path });
      const dir = workspace.directory;
      await touch(path.join(dir, 'lib', 'foo.c'));
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.verdict, 'not-converged');
      const stale = result.stale.map((t) => [
        t.name,
        path.relative(dir, t.file ?? ''),
        t.line,
        t.reason.kind,
      ]);
      assert.deepEqual(stale, [
        ['foo.o', 'lib/Makefile', 6, 'newer-prerequisites'],
        ['libfoo.a', 'lib/Makefile', 3, 'newer-prerequisites'],
      ]);
      assert.deepEqual(result.stale[0].reason.prerequisites, ['foo.c']);
      assert.equal(result.subMakes[0].hasWork, true);
    });

    it('names a target whose recipe never creates it (and writes nothing) apart, after --build-first', async () => {
      workspace = await workspaceFrom('target-never-created');
      const dir = workspace.directory;
      const result = await unchanged(dir, () =>
        convergenceProbe({ directory: dir, make: make.path, buildFirst: true }),
      );
      // Its recipe runs every time but writes nothing: not stale, named apart with the way to say so.
      assert.equal(result.verdict, 'converged');
      assert.equal(result.builtFirst, true);
      assert.deepEqual(result.stale, []);
      assert.equal(result.unchanged[0].name, 'report');
      assert.equal(result.unchanged[0].reason.kind, 'missing');
      assert.match(result.unchanged[0].hint, /not a file its recipe writes.*declare it \.PHONY/);
      assert.equal(result.unchanged[0].line, 3);
    });

    it('finds a build that does not settle after a successful run (--build-first)', async () => {
      workspace = await workspaceFrom('non-converging');
      const dir = workspace.directory;
      const result = await unchanged(dir, () =>
        convergenceProbe({ directory: dir, make: make.path, buildFirst: true }),
      );
      assert.equal(result.verdict, 'not-converged');
      assert.deepEqual(
        result.stale.map((t) => [t.name, t.reason.kind, t.reason.prerequisites]),
        [['out.txt', 'newer-prerequisites', ['in.txt']]],
      );
    });

    it('reports a makefile that make remakes before anything else (seen in the isolated layer)', async () => {
      workspace = await workspaceFrom('risk-remade-makefile');
      const dir = workspace.directory;
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.verdict, 'not-converged');
      assert.equal(result.placement.where, 'isolated');
      assert.deepEqual(
        result.stale.map((t) => [t.name, t.reason.kind]),
        [['config.mk', 'remade-makefile']],
      );
      // `all` is no file and its recipe only echoes: it changes nothing.
      assert.deepEqual(
        result.unchanged.map((t) => [t.name, t.reason.kind]),
        [['all', 'missing']],
      );
    });

    it('calls a target forced when it depends on a target that never exists', async () => {
      workspace = await workspaceFrom('forced-rebuild', { build: make.path });
      const dir = workspace.directory;
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.verdict, 'not-converged');
      assert.deepEqual(
        result.stale.map((t) => [t.name, t.reason.kind, t.line]),
        [['version.txt', 'forced', 3]],
      );
      assert.match(result.stale[0].hint, /FORCE, which never exists/);
    });

    it('decides by a real second make: FORCE with an unchanged output, a stamp, a recursive entry point are fine', async () => {
      const expected: Record<string, [string, RegExp][]> = {
        'converge-force-unchanged': [
          ['version.h', /always runs \(forced by FORCE\), changes nothing: fine/],
          ['prog', /make -n assumes version\.h changes; it does not/],
        ],
        'converge-stamp': [
          ['config.h', /leaves it as it is \(a stamp/],
          ['main.o', /assumes config\.h changes/],
          ['prog', /assumes main\.o changes/],
        ],
        'converge-recursive-entry': [['lib-build', /runs a sub-make that had nothing to do/]],
      };
      for (const [name, unchangedTargets] of Object.entries(expected)) {
        workspace = await workspaceFrom(name, { build: make.path });
        const dir = workspace.directory;
        const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
        assert.equal(result.questionStatus, 1, `${name}: make -q alone says stale`);
        assert.equal(result.verdict, 'converged', `${name}: ${result.stale.map((t) => t.name).join(' ')}`);
        assert.deepEqual(result.stale, [], name);
        assert.deepEqual(result.observed?.written, [], name);
        assert.deepEqual(
          result.unchanged.map((t) => t.name),
          unchangedTargets.map(([target]) => target),
          name,
        );
        for (const [index, [, hint]] of unchangedTargets.entries())
          assert.match(result.unchanged[index].hint, hint);
        await workspace.dispose();
        workspace = undefined;
      }
    });

    it('after touching a source, names only what a real make rebuilds, with what it wrote', async () => {
      workspace = await workspaceFrom('converge-force-unchanged', { build: make.path });
      const dir = workspace.directory;
      await touch(path.join(dir, 'main.c'));
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.verdict, 'not-converged');
      assert.deepEqual(
        result.stale.map((t) => t.name),
        ['prog'],
      );
      assert.deepEqual(
        result.unchanged.map((t) => t.name),
        ['version.h'],
      );
      assert.deepEqual(
        result.observed?.written.map((file) => [path.relative(dir, file.path), file.change]),
        [['prog', 'changed']],
      );
    });

    it('after touching a source, names the target it causes to rebuild first, always-run ones after', async () => {
      workspace = await workspaceFrom('converge-causes-first', { build: make.path });
      const dir = workspace.directory;
      await touch(path.join(dir, 'main.c'));
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.verdict, 'not-converged');
      assert.deepEqual(
        result.stale.map((t) => t.name),
        ['prog', 'release.txt'],
      );
    });

    it('after touching a source, names first what it rebuilds, before a header regenerated from every source (checked against a real second make)', async () => {
      workspace = await workspaceFrom('converge-header-of-every-source', { build: make.path });
      const dir = workspace.directory;
      await touch(path.join(dir, 'src', 'main.c'));
      const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
      assert.equal(result.verdict, 'not-converged');
      // make itself: the second real make in the workspace (a throwaway copy) and what it wrote.
      const since = await momentAfter([dir], path.join(path.dirname(dir), 'marker'));
      execFileSync(make.path, ['-s'], { cwd: dir, env: { ...process.env, MAKEFLAGS: '' } });
      const rebuilt = (await changedSince(dir, since)).filter((file) => file !== dir);
      assert.deepEqual(
        result.stale.map((t) => t.name).sort(),
        rebuilt.map((file) => path.relative(dir, file)).sort(),
        'the probe names exactly what a real second make wrote',
      );
      assert.deepEqual(
        result.stale.map((t) => t.name),
        ['main.o', 'config.h', 'prog'],
      );
      assert.equal(result.stale[1].hint, 'older than src/main.c (1 of its 9 prerequisites)');
    });

    it('says converged for a built project with includes and pattern rules', async () => {
      for (const name of ['includes', 'pattern-rules']) {
        workspace = await workspaceFrom(name, { build: make.path });
        const dir = workspace.directory;
        const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
        assert.equal(result.verdict, 'converged', name);
        assert.equal(result.questionStatus, 0, name);
        assert.equal(result.placement.where, 'isolated', name);
        await workspace.dispose();
        workspace = undefined;
      }
    });
  });
}
