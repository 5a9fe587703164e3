// Trace and dry-run probes on real GNU make 4.3 and 4.4.1, across sub-makes; the workspace never changes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { ProbeError } from '../../engine/probes/probeOptions';
import { traceLogProbe, traceProbe } from '../../engine/probes/traceProbe';
import type { TraceNode } from '../../engine/probes/traceModel';
import { touch, workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

const shape = (node: TraceNode): unknown => [node.target.name, node.children.map(shape)];

for (const make of MAKES) {
  describe(`trace and dry-run probes, GNU make ${make.version}`, () => {
    let workspace: Workspace | undefined;
    before(() => requireMake(make));
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    it('builds the tree target <- reason <- prerequisites across the sub-make', async () => {
      workspace = await workspaceFrom('recursive-echo-submake', { build: make.path });
      const dir = workspace.directory;
      await touch(path.join(dir, 'lib', 'foo.c'));
      const report = await unchanged(dir, () => traceProbe({ directory: dir, make: make.path }));
      assert.deepEqual(report.roots.map(shape), [['all', [['libfoo.a', [['foo.o', []]]]]]]);
      const all = report.roots[0].target;
      assert.equal(all.phony, true);
      assert.deepEqual(
        all.subMakes.map((d) => path.relative(dir, d)),
        ['lib'],
      );
      const fooO = report.targets.find((t) => t.name === 'foo.o');
      assert.equal(fooO?.file, path.join(dir, 'lib', 'Makefile'));
      assert.equal(fooO?.line, 6);
      assert.deepEqual(fooO?.recipe, ['cp foo.c foo.o']);
      assert.equal(fooO?.makeLevel, 1);
    });

    it('groups the dry run by target, with pattern rules and includes', async () => {
      workspace = await workspaceFrom('pattern-rules');
      const dir = workspace.directory;
      const result = await unchanged(dir, () => dryRunProbe({ directory: dir, make: make.path }));
      assert.deepEqual(
        result.groups.map((g) => [g.target, g.line, g.commands]),
        [
          ['main.o', 9, ['cp src/main.c main.o']],
          ['util.o', 9, ['cp src/util.c util.o']],
          ['app', 6, ['cat main.o util.o > app']],
        ],
      );
      await workspace.dispose();
      workspace = await workspaceFrom('includes');
      const includes = workspace.directory;
      const grouped = await unchanged(includes, () => dryRunProbe({ directory: includes, make: make.path }));
      assert.deepEqual(
        grouped.groups.map((g) => [g.target, path.relative(includes, g.file ?? ''), g.line]),
        [
          ['main.o', 'mk/objects.mk', 4],
          ['app', 'Makefile', 7],
        ],
      );
    });

    it('follows the sub-make in the dry run', async () => {
      workspace = await workspaceFrom('recursive-echo-submake');
      const dir = workspace.directory;
      const result = await unchanged(dir, () => dryRunProbe({ directory: dir, make: make.path }));
      assert.deepEqual(
        result.groups.map((g) => [g.target, path.relative(dir, g.directory), g.makeLevel]),
        [
          ['all', '', 0],
          ['foo.o', 'lib', 1],
          ['libfoo.a', 'lib', 1],
        ],
      );
    });

    it('reads the log of a real run made with --trace', async () => {
      workspace = await workspaceFrom('recursive-echo-submake');
      const dir = workspace.directory;
      const log = execFileSync(make.path, ['--trace'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      });
      const logFile = path.join(path.dirname(dir), 'build.log');
      await writeFile(logFile, log);
      const report = await traceLogProbe(logFile, dir);
      assert.equal(report.source, 'log');
      assert.deepEqual(
        report.targets.map((t) => t.name),
        ['all', 'foo.o', 'libfoo.a'],
      );
    });

    it('passes targets as arguments, never through a shell, and refuses one with "="', async () => {
      workspace = await workspaceFrom('pattern-rules');
      const dir = workspace.directory;
      const odd = await unchanged(dir, () =>
        dryRunProbe({ directory: dir, make: make.path, targets: ['main.o', '$(touch pwned)', '-n'] }),
      );
      assert.deepEqual(
        odd.groups.map((g) => g.target),
        ['main.o'],
      );
      assert.match(odd.errors.join('\n'), /No rule to make target '\$\(touch pwned\)'/);
      await assert.rejects(
        dryRunProbe({ directory: dir, make: make.path, targets: ['CC=evil'] }),
        (error: unknown) => error instanceof ProbeError && error.kind === 'usage',
      );
    });
  });
}
