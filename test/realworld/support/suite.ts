// One real project's tests: every probe leaves the real tree unchanged and prints no scratch path, and a few answers checked against make itself.
import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { dryRunExit, makeReading, makeVariables, secondBuildWrites, type MakeReading } from './makeOracle';
import { MISSING_TARGET, type RealProject } from './projects';
import { type CliRun, describeRun, MAKE_TIMEOUT_SECONDS, runCli, scratchPaths } from './runCli';
import { changedSinceMarker, compareFingerprints, createMarker, fingerprintTree } from './treeFingerprint';
import { createWorkspace, removeWorkspace, restoreProject, type Workspace } from './workspace';
import { describeLintOracles } from './lintOracles';

interface ProbeRun {
  run: CliRun;
  /** Everything that breaks the promise: tree changes, scratch paths, leftovers. */
  problems: string[];
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export function describeRealProject(project: RealProject): void {
  describe(`real project: ${project.name} (make -C ${project.directory} ${project.target})`, function () {
    let workspace: Workspace;
    const runs = new Map<string, Promise<ProbeRun>>();
    let outputs = 0;

    before(async function () {
      workspace = await createWorkspace(project);
    });
    after(async function () {
      if (workspace) await removeWorkspace(workspace);
    });

    /** The trees a probe must not change: [root, recursive]. */
    const watched = (): [string, boolean][] => [
      [workspace.projectRoot, true],
      [workspace.parent, false],
      ...project.alsoFingerprint.map((relative): [string, boolean] => [
        path.join(workspace.projectRoot, relative),
        true,
      ]),
    ];

    /** Runs `makescope COMMAND -C DIR ...` once per argument list, checking the tree and its output. */
    function probe(command: string, rest: string[]): Promise<ProbeRun> {
      const key = [command, ...rest].join('\u0000');
      let pending = runs.get(key);
      if (!pending) {
        pending = runProbe(command, rest);
        runs.set(key, pending);
      }
      return pending;
    }

    async function runProbe(command: string, rest: string[]): Promise<ProbeRun> {
      const trees = watched();
      const before = await Promise.all(trees.map(([root, recursive]) => fingerprintTree(root, recursive)));
      const marker = await createMarker(path.join(workspace.runRoot, 'markers', `marker-${runs.size}`));
      const out = path.join(workspace.runRoot, 'out', `evidence-${outputs++}`);
      const extra = command === 'evidence' ? ['--out', out] : [];
      const args = [
        command,
        '-C',
        workspace.makeDirectory,
        '--timeout',
        String(MAKE_TIMEOUT_SECONDS),
        ...extra,
        ...rest,
      ];
      const run = await runCli(args, { cwd: workspace.runRoot, tmp: workspace.tmp });
      const problems: string[] = [];
      for (const [index, [root, recursive]] of trees.entries()) {
        const after = await fingerprintTree(root, recursive);
        problems.push(...compareFingerprints(root, before[index], after));
        for (const entry of await changedSinceMarker(root, marker, recursive))
          problems.push(`find ${root}${recursive ? '' : ' -maxdepth 1'} -cnewer marker: ${entry}`);
      }
      const texts: [string, string][] = [
        ['stdout', run.stdout],
        ['stderr', run.stderr],
      ];
      for (const file of await filesUnder(out)) texts.push([file, await readFile(file, 'utf8')]);
      for (const [where, text] of texts)
        for (const hit of scratchPaths(text, workspace.tmp))
          problems.push(`scratch path in ${where}: ${hit}`);
      const left = await readdir(workspace.tmp);
      if (left.length > 0) problems.push(`left in TMPDIR: ${left.join(', ')}`);
      if (problems.some((p) => !p.startsWith('scratch path'))) await restoreProject(workspace);
      return { run, problems: [...new Set(problems)] };
    }

    function assertNoProblems({ run, problems }: ProbeRun): void {
      const shown = problems.slice(0, 25).join('\n  ');
      const more = problems.length > 25 ? `\n  ... and ${problems.length - 25} more` : '';
      assert.equal(problems.length, 0, `${describeRun(run)}\n  ${shown}${more}`);
    }

    function assertAnswered({ run }: ProbeRun): void {
      assert.ok(run.exitCode === 0 || run.exitCode === 1, `the probe did not answer: ${describeRun(run)}`);
    }

    let read: Promise<MakeReading> | undefined;
    /** What make says of the makefiles it reads (one `make -pq` in a throwaway copy for every test). */
    function reading(): Promise<MakeReading> {
      read ??= makeReading(workspace);
      return read;
    }

    const T = project.target;
    // Markdown for the quick probes, JSON where an oracle reads the answer; evidence writes both
    // (report.md, report.json and every step's output, all scanned).
    const probes: [string, string[]][] = [
      ['convergence', []],
      ['convergence', ['--build-first', '--json', T]],
      ['trace', [T]],
      ['vars', []],
      ['vars', ['--json', ...project.variables]],
      ['dry-run', [T]],
      // On the modest target: make -n of the default goal fails on a tree that was never built
      // (cmake's and kbuild's generated headers), and timing then rightly exits 2.
      ['timing', [T]],
      ['timing', ['--build', '--json', T]],
      ['parallel-diff', ['-j2', '--runs', '1', '--json', T]],
      // The ladder's build rungs are the three probes just above, each run on its own here; the
      // ladder runs without them (--no-build) to keep the layer within CI's time.
      ['evidence', ['--runs', '1', '--no-build', '--format', 'json', T]],
    ];

    for (const [command, rest] of probes) {
      it(`${command} ${rest.join(' ')} answers, leaves the real tree unchanged and prints no scratch path`, async function () {
        const result = await probe(command, rest);
        assertNoProblems(result);
        assertAnswered(result);
      });
    }

    it(`vars ${project.variables.join(' ')} equals make's own value and origin`, async function () {
      const expected = await makeVariables(workspace, project.variables);
      const result = await probe('vars', ['--json', ...project.variables]);
      assert.equal(result.run.exitCode, 0, describeRun(result.run));
      const answer = JSON.parse(result.run.stdout) as {
        values: { name: string; origin: string; value: string }[];
      };
      const got = answer.values.map(({ name, origin, value }) => ({ name, origin, value }));
      assert.deepEqual(got, expected);
    });

    describeLintOracles(() => workspace, reading);

    it(`convergence --build-first ${T} exits 0 exactly when a second real make ${T} writes nothing`, async function () {
      const oracle = await secondBuildWrites(workspace, T);
      assert.equal(
        oracle.firstExit,
        0,
        `make ${T} failed in the throwaway copy: ${oracle.firstStderr.slice(-2000)}`,
      );
      const result = await probe('convergence', ['--build-first', '--json', T]);
      const expected = oracle.writes.length === 0 ? 0 : 1;
      assert.equal(
        result.run.exitCode,
        expected,
        `${describeRun(result.run)}\n  a second make ${T} wrote ${oracle.writes.length} entries: ${oracle.writes.slice(0, 10).join('\n    ')}`,
      );
    });

    it(`parallel-diff -j2 ${T} is clean (the build has no race; -g paths must not differ)`, async function () {
      const result = await probe('parallel-diff', ['-j2', '--runs', '1', '--json', T]);
      const verdict =
        result.run.exitCode === 0 || result.run.exitCode === 1
          ? JSON.parse(result.run.stdout).verdict
          : undefined;
      assert.equal(
        result.run.exitCode,
        0,
        `${describeRun(result.run)}\n  verdict: ${verdict}\n  ${result.run.stdout.slice(0, 3000)}`,
      );
      assert.equal(verdict, 'clean');
    });

    for (const command of ['dry-run', 'timing']) {
      it(`${command} exits 2 when make -n fails (a target make has no rule for)`, async function () {
        const oracle = await dryRunExit(workspace, MISSING_TARGET);
        assert.notEqual(oracle.exitCode, 0, `make -n ${MISSING_TARGET} did not fail, so the check is void`);
        const result = await probe(command, ['--json', MISSING_TARGET]);
        assertNoProblems(result);
        assert.equal(result.run.exitCode, 2, describeRun(result.run));
      });
    }
  });
}
