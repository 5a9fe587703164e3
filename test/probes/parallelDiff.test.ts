// Parallel diff on real GNU make 4.3 and 4.4.1 with strace: races found with file:line and fix, workspace untouched.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parallelDiffProbe, type ParallelDiffOptions } from '../../engine/parallel/parallelDiffProbe';
import type { ParallelDiffResult, ParallelFinding } from '../../engine/parallel/parallelTypes';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { withPrivateTmp } from './support/privateTmp';

function requireStrace(): void {
  if (!['/usr/bin/strace', '/bin/strace'].some((file) => existsSync(file)))
    throw new Error('strace is missing: apt-get install strace (the race detection tests need it)');
}

function requireGcc(): void {
  if (!['/usr/bin/gcc', '/bin/gcc'].some((file) => existsSync(file)))
    throw new Error('gcc is missing: apt-get install gcc (the generated-header fixture compiles C)');
}

/**
 * Runs the probe with TMPDIR pointing at a private folder, so "no sandbox copy left behind" is
 * checked on that folder alone (other processes on the machine use /tmp too), and with the
 * workspace snapshot (content and mtimes) compared before and after.
 */
async function probe(
  workspace: Workspace,
  options: Omit<ParallelDiffOptions, 'directory'>,
): Promise<ParallelDiffResult> {
  return withPrivateTmp(() =>
    unchanged(workspace.directory, () =>
      parallelDiffProbe({ directory: workspace.directory, jobs: 2, ...options }),
    ),
  );
}

function only(result: ParallelDiffResult, kind: ParallelFinding['kind']): ParallelFinding {
  const found = result.findings.filter((finding) => finding.kind === kind);
  assert.equal(
    found.length,
    1,
    `expected one ${kind} finding, got ${JSON.stringify(result.findings, null, 1)}`,
  );
  return found[0];
}

for (const make of MAKES) {
  describe(`parallel diff with GNU make ${make.version}`, function () {
    let workspace: Workspace | undefined;
    before(() => {
      requireMake(make);
      requireStrace();
    });
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    it('counts only exit status and files: logs that differ with -j are shown, not a difference', async () => {
      workspace = await workspaceFrom('parallel-output-grouping');
      const result = await probe(workspace, { make: make.path, runs: 1, shuffle: 'reverse' });
      assert.equal(result.verdict, 'clean');
      assert.ok(
        result.differences.some((difference) => difference.logs.length > 0),
        'the -j level shows in the logs',
      );
      assert.ok(result.differences.every((difference) => difference.artifacts.length === 0));
    });

    it('reports what differs between two serial builds apart, as non-deterministic', async () => {
      workspace = await workspaceFrom('parallel-nondeterministic');
      const result = await probe(workspace, { make: make.path, runs: 1, shuffle: 'reverse' });
      assert.equal(result.verdict, 'clean');
      assert.deepEqual(
        result.nondeterministic?.map((artifact) => artifact.path),
        ['build-id.txt'],
      );
      assert.deepEqual(result.runs.map((run) => run.kind).slice(0, 2), ['serial', 'serial-repeat']);
    });

    it('compares objects built with -g clean: the builds run at the project path', async () => {
      requireGcc();
      workspace = await workspaceFrom('parallel-debug-info');
      const result = await probe(workspace, { make: make.path, runs: 1, shuffle: 'reverse' });
      assert.equal(result.verdict, 'clean', JSON.stringify(result.differences));
      assert.equal(result.nondeterministic, undefined);
      assert.deepEqual(result.runs[0].created.sort(), ['app', 'main.o', 'util.o']);
    });

    it('finds a generated header read without a declared prerequisite, with the rule line and the fix line', async () => {
      workspace = await workspaceFrom('parallel-race-missing-prerequisite');
      const result = await probe(workspace, { make: make.path, runs: 1 });
      assert.equal(result.tracing.state, 'traced');
      const finding = only(result, 'missing-prerequisite');
      assert.equal(finding.target, 'app.txt');
      assert.equal(finding.otherTarget, 'config.h');
      assert.equal(finding.file, 'config.h');
      const makefile = path.join(workspace.directory, 'Makefile');
      assert.deepEqual(finding.rule, { file: makefile, line: 9 });
      assert.deepEqual(finding.otherRule, { file: makefile, line: 5 });
      assert.equal(finding.fix?.resultingLine, 'app.txt: main.in config.h');
      assert.deepEqual([finding.fix?.line, finding.fix?.character, finding.fix?.text], [8, 16, ' config.h']);
      assert.equal(result.findings.length, 1, 'no other finding');
      assert.equal(result.runs[0].exitCode, 0, 'the serial build succeeds');
    });

    it('finds a generated C header included by a pattern-rule object, and proposes a prerequisite-only rule', async () => {
      requireGcc();
      workspace = await workspaceFrom('parallel-race-generated-header');
      const result = await probe(workspace, { make: make.path, runs: 1 });
      const finding = only(result, 'missing-prerequisite');
      assert.deepEqual(
        [finding.target, finding.otherTarget, finding.file],
        ['main.o', 'version.h', 'version.h'],
      );
      assert.equal(finding.rule?.line, 9, 'the pattern rule that built main.o');
      assert.deepEqual(finding.fix && [finding.fix.line, finding.fix.character, finding.fix.text], [
        10,
        0,
        'main.o: version.h\n',
      ]);
      assert.equal(result.findings.length, 1);
    });

    it('finds an output directory created by another target and proposes an order-only prerequisite', async () => {
      workspace = await workspaceFrom('parallel-race-output-directory');
      const result = await probe(workspace, { make: make.path, runs: 1 });
      const finding = only(result, 'missing-order-only-directory');
      assert.equal(finding.target, 'out/report.txt');
      assert.equal(finding.otherTarget, 'out');
      assert.equal(finding.file, 'out');
      assert.equal(finding.rule?.line, 9);
      assert.equal(finding.fix?.resultingLine, 'out/report.txt: data.txt | out');
      assert.equal(result.findings.length, 1);
    });

    it('finds two recipes writing the same temporary file', async () => {
      workspace = await workspaceFrom('parallel-race-shared-temp');
      const result = await probe(workspace, { make: make.path, runs: 1 });
      const finding = only(result, 'conflicting-writes');
      assert.deepEqual(
        [finding.target, finding.otherTarget, finding.file],
        ['lower.txt', 'upper.txt', 'scratch.tmp'],
      );
      assert.equal(finding.fix, undefined, 'no single prerequisite line fixes a shared temporary file');
      assert.equal(result.findings.length, 1);
    });

    it('finds the race only a shuffled order exposes, by tracing, on every make', async () => {
      workspace = await workspaceFrom('parallel-race-shuffle-only');
      const result = await probe(workspace, { make: make.path, runs: 1 });
      const finding = only(result, 'missing-prerequisite');
      assert.deepEqual(
        [finding.target, finding.file, finding.fix?.resultingLine],
        ['summary.txt', 'table.txt', 'summary.txt: table.txt'],
      );
      if (make.version === '4.3') {
        assert.ok(
          result.notes.some((note) => note.includes('no --shuffle')),
          'says what 4.3 cannot do',
        );
        assert.ok(result.runs.every((run) => run.shuffle === undefined));
      } else {
        // --shuffle=reverse starts summary.txt before table.txt: the comparison sees it fail.
        const reverse = result.differences.find((d) => d.run === '-j2 --shuffle=reverse');
        assert.ok(reverse?.exitCodeDiffers, 'the reverse shuffle build fails where the serial one succeeds');
        assert.ok(reverse.artifacts.some((artifact) => artifact.path === 'summary.txt'));
        const seeds = result.runs.filter((run) => run.kind === 'shuffle-seed');
        assert.equal(seeds.length, 1);
        assert.match(seeds[0].shuffle ?? '', /^\d+$/, 'each seed is reported');
        assert.ok(seeds[0].command.includes(`--shuffle=${seeds[0].shuffle}`));
      }
    });

    it('reports a recursive build clean: a sub-make is attributed to the target that started it', async () => {
      workspace = await workspaceFrom('recursive-echo-submake');
      const result = await probe(workspace, { make: make.path, runs: 1 });
      assert.deepEqual(result.findings, []);
      assert.equal(result.verdict, 'clean', JSON.stringify(result.differences, null, 1));
      assert.deepEqual(result.runs[0].order, ['all', 'lib:foo.o', 'lib:libfoo.a']);
    });

    it('reports a race-free build clean, with no false finding, over repeated runs', async () => {
      workspace = await workspaceFrom('parallel-clean');
      const result = await probe(workspace, { make: make.path, runs: 3 });
      assert.deepEqual(result.findings, []);
      assert.equal(result.verdict, 'clean', JSON.stringify(result.differences, null, 1));
      // serial, its repeat (non-determinism), then -jN and its repeats or shuffles.
      assert.equal(result.runs.length, make.version === '4.3' ? 5 : 7);
      assert.ok(result.runs.every((run) => run.exitCode === 0));
      assert.equal(result.tracing.state, 'traced');
      assert.ok(result.speedup !== undefined && result.speedup > 0);
      assert.deepEqual(result.runs[0].created.sort(), [
        'out',
        'out/count.txt',
        'out/joined.txt',
        'out/upper.txt',
      ]);
    });
  });
}

describe('parallel diff without tracing', () => {
  let workspace: Workspace | undefined;
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('says tracing is unavailable and still compares the runs', async () => {
    requireMake(MAKES[1]);
    workspace = await workspaceFrom('parallel-race-shuffle-only');
    const missing = path.join(workspace.directory, 'no-such-strace');
    const result = await probe(workspace, {
      make: MAKES[1].path,
      runs: 0,
      shuffle: 'reverse',
      strace: missing,
      recorder: 'strace',
    });
    assert.equal(result.tracing.state, 'unavailable');
    assert.match(result.tracing.state === 'unavailable' ? result.tracing.reason : '', /strace not found/);
    assert.ok(result.notes.some((note) => note.includes('only the comparison of runs')));
    assert.deepEqual(result.findings, []);
    assert.equal(result.verdict, 'differences');
    assert.ok(result.reproduce?.includes('--shuffle=reverse') || result.reproduce?.includes('-j2'));
  });
});
