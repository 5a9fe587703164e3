// Database, resolved values, timing and make detection on real GNU make 4.3 and 4.4.1 (and bmake).
import * as assert from 'node:assert/strict';
import { detectMake } from '../../engine/probes/capabilities';
import { databaseProbe } from '../../engine/probes/databaseProbe';
import { ProbeError } from '../../engine/probes/probeOptions';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import { timingProbe } from '../../engine/probes/timingProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

describe('make detection', () => {
  it('says what to install for a missing make and for BSD make', async () => {
    const missing = await detectMake('/nonexistent/make');
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.message, /not found.*install GNU make/);
    const bsd = await detectMake('bmake');
    assert.equal(bsd.ok, false);
    assert.match(bsd.ok ? '' : bsd.message, /not GNU make.*install GNU make/);
  });

  it('reads version, .FEATURES and what each probe can do', async () => {
    const old = await detectMake(MAKES[0].path);
    assert.ok(old.ok);
    assert.equal(old.make.version.text, '4.3');
    assert.equal(old.make.canShuffle, false);
    assert.ok(old.make.features.includes('target-specific'));
    requireMake(MAKES[1]);
    const current = await detectMake(MAKES[1].path);
    assert.ok(current.ok);
    assert.equal(current.make.version.text, '4.4.1');
    assert.equal(current.make.canShuffle, true);
    assert.ok(current.make.features.includes('notintermediate'));
  });
});

for (const make of MAKES) {
  describe(`database, resolved values and timing, GNU make ${make.version}`, () => {
    let workspace: Workspace | undefined;
    before(() => requireMake(make));
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    it('reads variables, rules, target-specific values and vpath from make -p', async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      const { database } = await unchanged(dir, () => databaseProbe({ directory: dir, make: make.path }));
      assert.equal(database.makeVersion, make.version);
      const cflags = database.variables.find((v) => v.name === 'CFLAGS');
      assert.deepEqual(
        [cflags?.value, cflags?.origin, cflags?.file, cflags?.line],
        ['-O2', 'makefile', 'Makefile', 2],
      );
      const debug = database.files.find((f) => f.name === 'debug');
      assert.deepEqual(
        debug?.targetVariables.map((v) => [v.name, v.value]),
        [['CFLAGS', '-g']],
      );
      assert.equal(database.files.find((f) => f.name === 'app')?.recipe?.line, 8);
      await workspace.dispose();
      workspace = await workspaceFrom('pattern-rules');
      const patterns = workspace.directory;
      const second = await unchanged(patterns, () => databaseProbe({ directory: patterns, make: make.path }));
      assert.deepEqual(second.database.vpaths, [{ pattern: '%.c', directories: ['src'] }]);
      assert.ok(second.database.patternRules.some((r) => r.targets[0] === '%.o' && r.recipe?.line === 9));
    });

    it('keeps the top-level database when sub-makes print theirs too', async () => {
      workspace = await workspaceFrom('risk-make-line');
      const dir = workspace.directory;
      const { database, placement } = await unchanged(dir, () =>
        databaseProbe({ directory: dir, make: make.path, targets: ['all'] }),
      );
      assert.equal(placement.where, 'isolated', 'the $(MAKE) line runs under -q');
      assert.ok(database.databases >= 2, 'the sub-make printed a database too');
      assert.match(
        database.files.find((f) => f.name === 'all')?.recipe?.lines[0] ?? '',
        /\$\(MAKE\) -f sub\.mk/,
      );
    });

    it('resolves values globally and for a target, from make, running no recipe', async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      const global = await unchanged(dir, () =>
        resolveProbe({ directory: dir, make: make.path, variables: ['CFLAGS', 'OPT_LEVEL', 'NOT_SET'] }),
      );
      assert.deepEqual(
        global.values.map((v) => [v.name, v.value, v.flavor]),
        [
          ['CFLAGS', '-O2', 'recursive'],
          ['OPT_LEVEL', 'fast', 'simple'],
          ['NOT_SET', '', 'undefined'],
        ],
      );
      const debug = await unchanged(dir, () =>
        resolveProbe({ directory: dir, make: make.path, variables: ['CFLAGS'], target: 'debug' }),
      );
      assert.equal(debug.values[0].value, '-O2 -g');
      await assert.rejects(
        resolveProbe({ directory: dir, make: make.path, variables: ['$(shell touch x)'] }),
        (error: unknown) => error instanceof ProbeError && error.kind === 'usage',
      );
    });

    it('times reading, the dry run, a sandboxed build and each parse-time $(shell)', async () => {
      workspace = await workspaceFrom('risk-shell-touch');
      const dir = workspace.directory;
      const result = await unchanged(dir, () =>
        timingProbe({ directory: dir, make: make.path, build: true }),
      );
      assert.ok(result.parseMs > 0 && result.readOnlyMs > 0);
      assert.equal(result.buildExitCode, 0);
      assert.ok(result.buildMs !== undefined && result.buildMs > 0);
      assert.equal(result.buildPlacement?.where, 'isolated');
      assert.equal(result.shellCallsMeasured, true, 'strace is installed on the test machines');
      assert.deepEqual(
        result.shellCalls.map((c) => c.command),
        ['touch shell-ran.txt && echo done'],
      );
    });
  });
}
