// The lint's answers on a real project checked against make itself: its database, its warnings, a probe makefile.
import * as assert from 'node:assert/strict';
import { makeVariables, type MakeReading } from './makeOracle';
import { describeRun, runCli } from './runCli';
import type { Workspace } from './workspace';
import { requireShellcheck } from '../../shared/requireShellcheck';

interface LintFinding {
  code: string;
  message: string;
  range: { start: { line: number } };
}

/** `makescope lint -C DIR --json ...extra` in the workspace, every file's findings. */
async function lintRun(workspace: Workspace, extra: string[]): Promise<LintFinding[]> {
  const run = await runCli(['lint', '-C', workspace.makeDirectory, ...extra, '--json'], {
    cwd: workspace.runRoot,
    tmp: workspace.tmp,
  });
  assert.ok(run.exitCode === 0 || run.exitCode === 1, describeRun(run));
  const files = JSON.parse(run.stdout) as { findings?: LintFinding[] }[];
  return files.flatMap((file) => file.findings ?? []);
}

/**
 * The lint's tests on the project in `workspaceOf()`, inside the caller's `describe`: each rule whose
 * claim make can confirm, checked against `reading()` (one `make -pq`) or a probe makefile.
 */
export function describeLintOracles(workspaceOf: () => Workspace, reading: () => Promise<MakeReading>): void {
  let linted: Promise<LintFinding[]> | undefined;
  /** The static rules' findings (the recipes' shell check off), once. */
  const lintFindings = (): Promise<LintFinding[]> =>
    (linted ??= lintRun(workspaceOf(), ['--no-recipe-shell']));
  /** With the recipes' shell check (sh -n, shellcheck). */
  const shellFindings = (): Promise<LintFinding[]> => {
    requireShellcheck();
    return lintRun(workspaceOf(), []);
  };

  it('lint: every variable it calls undefined (MS104) is one make leaves undefined', async function () {
    const names = new Set<string>();
    for (const { code, message } of await lintFindings())
      if (code === 'MS104') names.add(/^'([^']+)'/.exec(message)?.[1] ?? '');
    names.delete('');
    // make's own answer for each, after reading the makefiles as a build does (cmake's MAKESILENT is
    // defined through the computed name `$(VERBOSE)MAKESILENT`).
    const oracle = names.size === 0 ? [] : await makeVariables(workspaceOf(), [...names].slice(0, 200));
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
    // A name `.PHONY` alone lists is an entry of make's database too, with no recipe and no prerequisites.
    const { made, needed } = await reading();
    assert.deepEqual(
      stale.filter((name) => made.has(name) || needed.has(name)),
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
}
