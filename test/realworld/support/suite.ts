// One real project's tests: every probe leaves the real tree unchanged and prints no scratch path, and a few answers checked against make itself.
import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { dryRunExit, makeReading, makeVariables, secondBuildWrites, type MakeReading } from './makeOracle';
import { MISSING_TARGET, type RealProject } from './projects';
import { type CliRun, describeRun, MAKE_TIMEOUT_SECONDS, runCli, scratchPaths } from './runCli';
import { changedSinceMarker, compareFingerprints, createMarker, fingerprintTree } from './treeFingerprint';
import { createWorkspace, removeWorkspace, restoreProject, type Workspace } from './workspace';
import { requireShellcheck } from '../../shared/requireShellcheck';

interface LintFinding {
  code: string;
  message: string;
  range: { start: { line: number } };
}

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

    let linted: Promise<LintFinding[]> | undefined;
    /** `makescope lint -C DIR --json` once (static: the recipes' shell check off), its findings. */
    function lintFindings(): Promise<LintFinding[]> {
      linted ??= runCli(['lint', '-C', workspace.makeDirectory, '--no-recipe-shell', '--json'], {
        cwd: workspace.runRoot,
        tmp: workspace.tmp,
      }).then((run) => {
        assert.ok(run.exitCode === 0 || run.exitCode === 1, describeRun(run));
        const files = JSON.parse(run.stdout) as { findings?: LintFinding[] }[];
        return files.flatMap((file) => file.findings ?? []);
      });
      return linted;
    }

    /** `makescope lint -C DIR --json` with the recipes' shell check (sh -n, shellcheck), its findings. */
    async function shellFindings(): Promise<LintFinding[]> {
      requireShellcheck();
      const run = await runCli(['lint', '-C', workspace.makeDirectory, '--json'], {
        cwd: workspace.runRoot,
        tmp: workspace.tmp,
      });
      assert.ok(run.exitCode === 0 || run.exitCode === 1, describeRun(run));
      const files = JSON.parse(run.stdout) as { findings?: LintFinding[] }[];
      return files.flatMap((file) => file.findings ?? []);
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

    it('lint: every variable it calls undefined (MS104) is one make leaves undefined', async function () {
      const names = new Set<string>();
      for (const { code, message } of await lintFindings())
        if (code === 'MS104') names.add(/^'([^']+)'/.exec(message)?.[1] ?? '');
      names.delete('');
      // make's own answer for each, after reading the makefiles as a build does (cmake's MAKESILENT is
      // defined through the computed name `$(VERBOSE)MAKESILENT`).
      const oracle = names.size === 0 ? [] : await makeVariables(workspace, [...names].slice(0, 200));
      const defined = oracle.filter((value) => value.origin !== 'undefined');
      assert.deepEqual(
        defined.map(({ name, origin }) => `${name} (${origin})`),
        [],
        `lint called ${names.size} names undefined; make defines these`,
      );
    });

    it("lint: no target it calls unmarked (MS101) is one make's database lists as .PHONY", async function () {
      const findings = await lintFindings();
      const unmarked = findings
        .filter((finding) => finding.code === 'MS101')
        .map((finding) => /^'([^']+)'/.exec(finding.message)?.[1] ?? '');
      // Kbuild (busybox) marks its phony targets with `PHONY += name` and one `.PHONY: $(PHONY)`.
      const { phony } = await reading();
      assert.deepEqual(
        unmarked.filter((name) => phony.has(name)),
        [],
        `lint called ${unmarked.length} targets unmarked; make's database lists these as .PHONY`,
      );
    });

    it('lint: every recipe it calls overridden (MS103) is one make warns of', async function () {
      const findings = await lintFindings();
      const overriding = findings
        .filter((finding) => finding.code === 'MS103')
        .map((finding) => /target '([^']+)'/.exec(finding.message)?.[1] ?? '');
      // git writes git-instaweb's rule once per branch of `ifndef NO_PERL`: make reads one, and does not warn.
      const { overridden } = await reading();
      assert.deepEqual(
        overriding.filter((name) => !overridden.has(name)),
        [],
        `make warned of ${[...overridden].join(', ') || 'no overriding recipe'}`,
      );
    });

    it("lint: every .PHONY entry it calls stale (MS102) is one no rule of make's database makes or needs", async function () {
      const stale = (await lintFindings())
        .filter((finding) => finding.code === 'MS102')
        .map((finding) => /lists '([^']+)'/.exec(finding.message)?.[1] ?? '');
      const { targets, needed } = await reading();
      assert.deepEqual(
        stale.filter((name) => targets.has(name) || needed.has(name)),
        [],
        `lint called ${stale.join(', ') || 'no entry'} stale`,
      );
    });

    it("lint: no variable it tells to use ':=' (MS107) runs a command that names a file make's database lists as a target", async function () {
      const advised = (await lintFindings())
        .filter((finding) => finding.code === 'MS107')
        .map((finding) => /^'([^']+)'/.exec(finding.message)?.[1] ?? '');
      // Kbuild's `KERNELRELEASE = $(shell cat .kernelrelease)` (busybox's too): `=` reads the file again once
      // a rule has written it, `:=` would read it before. The words are make's value as written; a word
      // with references counts by its literal end (`$(objtree)/.kernelrelease`).
      const { targets, recursive } = await reading();
      const built = [...targets];
      const namesTarget = (word: string): boolean => {
        if (!word.includes('$')) return targets.has(word.replace(/^\.\//, ''));
        const tail = word.replace(/^.*[)}]/, '').replace(/^\//, '');
        return tail.length > 0 && built.some((target) => target === tail || target.endsWith(`/${tail}`));
      };
      const wrong = advised.filter((name) =>
        (recursive.get(name) ?? '')
          .split(/[\s'"`<>|;&]+/)
          .some((word) => namesTarget(word.replace(/^\(+|[)}]+$/g, ''))),
      );
      assert.deepEqual(wrong, [], `lint advised ':=' for ${advised.join(', ') || 'no variable'}`);
    });

    it("lint: the recipes' shell check says nothing of its own making (make's expansion, one shell per line)", async function () {
      // These makefiles build: a recipe line the shell cannot parse would stop the build. git's
      // `$(QUIET_GEN)if ...` parsed as a word before `if` (MS201); every line after an `exit 0` was
      // "unreachable" while the lines were checked as one script (SC2317: 148 in ldns's Makefile);
      // a reference's placeholder is no constant word (SC2043, SC2194, SC2157).
      const own = (await shellFindings()).filter(
        ({ code, message }) => code === 'MS201' || /^SC(2317|2043|2194|2157|2050|2078|2193):/.test(message),
      );
      assert.deepEqual(
        own.map(({ range, message }) => `line ${range.start.line + 1}: ${message}`),
        [],
      );
    });

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
