// Answers checked against make itself on 4.3 and 4.4.1: the dry run against make's own -n, resolved values
// against a probe makefile of ours printing $(V), $(origin V) and $(flavor V) after the project's makefiles,
// convergence against the files a real second make writes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { convergenceProbe } from '../../engine/probes/convergenceProbe';
import { dryRunProbe } from '../../engine/probes/dryRunProbe';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import { touch, workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';
import { snapshotTree } from './support/treeSnapshot';

/** Fixtures whose makefiles write nothing at parse time, so make may read them in place for the oracle. */
const FIXTURES = [
  'pattern-rules',
  'includes',
  'recursive-echo-submake',
  'target-specific-vars',
  'recipe-continuation',
];
/** Names make sets itself, asked for beside every variable the makefiles define. */
const BUILT_IN = [
  'CC',
  'CURDIR',
  'MAKE_VERSION',
  '.DEFAULT_GOAL',
  'ORACLE_CLI',
  'ORACLE_ENV',
  'NOT_DEFINED_ANYWHERE',
];
const ORACLE_GOAL = 'makescope-oracle-goal';
const SEPARATOR = '\u0001';

function runMake(make: string, directory: string, args: string[]): string {
  return execFileSync(make, args, {
    cwd: directory,
    encoding: 'utf8',
    env: { ...process.env, MAKEFLAGS: '', ORACLE_ENV: 'from the environment' },
    timeout: 60_000,
  });
}

/** make's own answer for every file-defined variable and BUILT_IN: name -> [flavor, origin, value]. */
async function makeSays(make: string, directory: string): Promise<Map<string, [string, string, string]>> {
  const oracle = path.join(path.dirname(directory), 'oracle.mk');
  const show = `$(info $(V)${SEPARATOR}$(flavor $(V))${SEPARATOR}$(origin $(V))${SEPARATOR}$($(V)))`;
  // Printed while make expands the goal's recipe, after every makefile is read (as a build would see them).
  await writeFile(
    oracle,
    `ORACLE_NAMES := $(foreach V,$(.VARIABLES),$(if $(filter file,$(origin $(V))),$(V))) ${BUILT_IN.join(' ')}\n` +
      `.PHONY: ${ORACLE_GOAL}\n${ORACLE_GOAL}: ; @: $(foreach V,$(filter-out ORACLE_NAMES,$(ORACLE_NAMES)),${show})\n`,
  );
  const output = runMake(make, directory, [
    '-f',
    'Makefile',
    '-f',
    oracle,
    'ORACLE_CLI=from the command line',
    ORACLE_GOAL,
  ]);
  const answers = new Map<string, [string, string, string]>();
  for (const line of output.split('\n').filter((l) => l.includes(SEPARATOR))) {
    const [name, flavor, origin, value] = line.split(SEPARATOR);
    // MAKEFILE_LIST names our oracle last; the project's own list is what a user asks about.
    answers.set(name, [flavor, origin, name === 'MAKEFILE_LIST' ? value.replace(` ${oracle}`, '') : value]);
  }
  return answers;
}

/** The commands make -n prints, without make's own "Entering directory" lines. */
function makeDryRun(make: string, directory: string): string[] {
  return runMake(make, directory, ['-n'])
    .split('\n')
    .filter((line) => line !== '' && !/^make(\[\d+\])?: /.test(line));
}

for (const make of MAKES)
  describe(`answers checked against make itself, GNU make ${make.version}`, () => {
    let workspace: Workspace | undefined;
    before(() => requireMake(make));
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    for (const fixture of FIXTURES) {
      it(`${fixture}: the dry run lists exactly the commands of make's own -n, in its order`, async () => {
        workspace = await workspaceFrom(fixture);
        const dir = workspace.directory;
        const expected = makeDryRun(make.path, dir);
        assert.ok(expected.length > 0, `make -n prints commands for ${fixture}`);
        const result = await unchanged(dir, () => dryRunProbe({ directory: dir, make: make.path }));
        assert.deepEqual(
          result.groups.flatMap((group) => group.commands),
          expected,
        );
        assert.equal(result.commandCount, expected.length);
      });

      it(`${fixture}: every variable resolves to make's own value, origin and flavor`, async () => {
        workspace = await workspaceFrom(fixture);
        const dir = workspace.directory;
        const expected = await makeSays(make.path, dir);
        assert.ok(expected.size > BUILT_IN.length, `the makefiles of ${fixture} define variables`);
        const result = await unchanged(dir, () =>
          resolveProbe({
            directory: dir,
            make: make.path,
            variables: [...expected.keys()],
            commandLineVariables: { ORACLE_CLI: 'from the command line' },
            environment: { ORACLE_ENV: 'from the environment' },
          }),
        );
        assert.deepEqual(
          new Map(result.values.map((v) => [v.name, [v.flavor, v.origin, v.value]])),
          expected,
        );
      });
    }
  });

/** Files (relative paths) a real `make` writes in `directory`: created or rewritten (ctime moved), even when
 * the recipe sets the old mtime back. */
async function writtenByRealMake(make: string, directory: string): Promise<string[]> {
  const before = await snapshotTree(directory);
  runMake(make, directory, []);
  const after = await snapshotTree(directory);
  const written = (name: string): boolean => {
    const [kind, size, hash, , , , mtime] = (after[name] ?? '').split(' ');
    const [oldKind, oldSize, oldHash, , , , oldMtime] = (before[name] ?? '').split(' ');
    return (
      kind === 'file' && [kind, size, hash, mtime].join() !== [oldKind, oldSize, oldHash, oldMtime].join()
    );
  };
  return Object.keys(after).filter(written).sort();
}

/** Built fixtures, some then edited: the convergence verdict and its stale files against a real second make. */
const CONVERGENCE: { fixture: string; touched?: string }[] = [
  { fixture: 'includes' },
  { fixture: 'pattern-rules' },
  { fixture: 'converge-force-unchanged' },
  { fixture: 'converge-force-unchanged', touched: 'main.c' },
  { fixture: 'converge-stamp' },
  { fixture: 'converge-recursive-entry' },
  // Not non-converging: its recipe rewrites out.txt with the same bytes and sets the old mtime back, and this
  // machine's coarse clock can leave even the ctime equal, so a snapshot cannot see the write.
  { fixture: 'pattern-rules', touched: 'src/main.c' },
];

for (const make of MAKES)
  describe(`convergence checked against a real second make, GNU make ${make.version}`, () => {
    let workspace: Workspace | undefined;
    before(() => requireMake(make));
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    for (const { fixture, touched } of CONVERGENCE)
      it(`${fixture}${touched ? ` after editing ${touched}` : ''}: stale files are exactly those a real make then writes`, async () => {
        workspace = await workspaceFrom(fixture, { build: make.path });
        const dir = workspace.directory;
        if (touched) await touch(path.join(dir, touched));
        const result = await unchanged(dir, () => convergenceProbe({ directory: dir, make: make.path }));
        const stale = result.stale.map((target) =>
          path.relative(dir, path.resolve(target.directory, target.name)),
        );
        const written = await writtenByRealMake(make.path, dir);
        assert.deepEqual(
          stale.sort(),
          written,
          `stale per Makescope vs written by a real make in ${fixture}`,
        );
        assert.equal(result.verdict, written.length === 0 ? 'converged' : 'not-converged');
      });
  });
