// The `makescope` CLI end to end (in process): reports, --json, exit codes, argument handling, real make.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../cli/src/cli';
import { touch, workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';
import { unchanged } from './support/probeCheck';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], isTTY = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { write: (text: string) => (stdout += text), isTTY },
    { write: (text: string) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

describe('makescope CLI arguments', () => {
  it('documents commands and exit codes in --help', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    for (const word of ['convergence', 'trace', 'vars', 'dry-run', 'timing', 'Exit codes', '--json', '--']) {
      assert.ok(help.stdout.includes(word), word);
    }
  });

  it('refuses a target containing "=" and unknown options, with exit code 2', async () => {
    const assignment = await cli(['dry-run', '-C', '/tmp', 'CC=gcc']);
    assert.equal(assignment.code, 2);
    assert.match(assignment.stderr, /variable assignment/);
    const malloc = await cli(['dry-run', '-C', '/tmp', 'MALLOC=libc']);
    assert.equal(malloc.code, 2);
    assert.match(malloc.stderr, /use --var MALLOC=libc/);
    const unknown = await cli(['trace', '--frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option/);
    const badMake = await cli(['convergence', '--make', '/nonexistent/make']);
    assert.equal(badMake.code, 2);
    assert.match(badMake.stderr, /install GNU make/);
  });
});

for (const make of MAKES) {
  describe(`makescope CLI on GNU make ${make.version}`, () => {
    let workspace: Workspace | undefined;
    before(() => requireMake(make));
    afterEach(async () => {
      await workspace?.dispose();
      workspace = undefined;
    });

    it('convergence: exit 0 when settled, 1 with the stale target and file:line, JSON for machines', async () => {
      workspace = await workspaceFrom('recursive-echo-submake', { build: make.path });
      const dir = workspace.directory;
      const settled = await unchanged(dir, () => cli(['convergence', '-C', dir, '--make', make.path]));
      assert.equal(settled.code, 0, settled.stderr);
      assert.match(settled.stdout, /^converged/);
      assert.match(settled.stdout, /sub-make in lib \(level 1\): nothing to do/);
      assert.doesNotMatch(settled.stdout, /\u001b\[/, 'no colour when not a TTY');
      await touch(path.join(dir, 'lib', 'foo.c'));
      const stale = await unchanged(dir, () => cli(['convergence', '-C', dir, '--make', make.path]));
      assert.equal(stale.code, 1);
      assert.match(stale.stdout, /foo\.o {2}lib\/Makefile:6/);
      const json = await unchanged(dir, () => cli(['convergence', '-C', dir, '--make', make.path, '--json']));
      const parsed = JSON.parse(json.stdout) as { verdict: string; stale: Array<{ name: string }> };
      assert.equal(parsed.verdict, 'not-converged');
      assert.deepEqual(
        parsed.stale.map((t) => t.name),
        ['foo.o', 'libfoo.a'],
      );
      const coloured = await cli(['convergence', '-C', dir, '--make', make.path], true);
      assert.match(coloured.stdout, /\u001b\[/, 'colour on a TTY');
      assert.equal(json.stdout.split('\n').length, 2, 'one line of JSON into a pipe, for a program');
      const onTerminal = await cli(['convergence', '-C', dir, '--make', make.path, '--json'], true);
      assert.deepEqual(JSON.parse(onTerminal.stdout), parsed, 'the same answer on a terminal');
      assert.match(onTerminal.stdout, /^\{\n {2}"/, 'indented for a person at a terminal');
    });

    it('trace and dry-run: the tree and the grouped commands; targets after --', async () => {
      workspace = await workspaceFrom('pattern-rules');
      const dir = workspace.directory;
      const trace = await unchanged(dir, () => cli(['trace', '-C', dir, '--make', make.path, '--', 'app']));
      assert.equal(trace.code, 1);
      assert.match(trace.stdout, /^app {2}Makefile:6\n {2}because: /m);
      assert.match(trace.stdout, /^ {2}main\.o {2}Makefile:9/m);
      const dryRun = await unchanged(dir, () => cli(['dry-run', '-C', dir, '--make', make.path, '-j', '2']));
      assert.equal(dryRun.code, 1);
      assert.match(dryRun.stdout, /^ {2}cp src\/main\.c main\.o$/m);
    });

    it('vars: the database with file:line, and values resolved by make for a target', async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      const database = await unchanged(dir, () => cli(['vars', '-C', dir, '--make', make.path, '--rules']));
      assert.equal(database.code, 0, database.stderr);
      assert.match(database.stdout, /^CFLAGS = -O2 {2}makefile, Makefile:2$/m);
      assert.match(database.stdout, /^debug: CFLAGS \+= -g {2}Makefile:4$/m);
      const resolved = await unchanged(dir, () =>
        cli(['vars', '-C', dir, '--make', make.path, '--target', 'debug', 'CFLAGS']),
      );
      assert.match(resolved.stdout, /^CFLAGS = -O2 -g /m);
    });

    it('vars --json holds what the report shows: --rules adds the rules, --all the variables make defines', async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      type Database = {
        database: {
          variables: { name: string; origin: string }[];
          files: { name: string; targetVariables: { name: string }[] }[];
          patternRules: unknown[];
        };
      };
      const json = async (...flags: string[]): Promise<Database> => {
        const run = await unchanged(dir, () =>
          cli(['vars', '-C', dir, '--make', make.path, '--json', ...flags]),
        );
        assert.equal(run.code, 0, run.stderr);
        return JSON.parse(run.stdout) as Database;
      };
      const plain = await json();
      const names = plain.database.variables.map((variable) => variable.name);
      assert.ok(names.includes('CFLAGS'), names.join(' '));
      assert.ok(!names.includes('CC') && !names.includes('MAKE'), "make's own variables only with --all");
      assert.deepEqual(
        plain.database.files.map((file) => [
          file.name,
          file.targetVariables.map((variable) => variable.name),
        ]),
        [['debug', ['CFLAGS']]],
        'the files that carry target-specific variables, as the report lists them',
      );
      assert.deepEqual(plain.database.patternRules, []);
      const everything = await json('--rules', '--all');
      assert.ok(everything.database.variables.some((variable) => variable.origin === 'default'));
      assert.ok(everything.database.files.length > plain.database.files.length);
      assert.ok(everything.database.patternRules.length > 0, "make's built-in pattern rules");
    });

    it('timing: reading, dry run and a sandboxed build', async () => {
      workspace = await workspaceFrom('includes');
      const dir = workspace.directory;
      const timing = await unchanged(dir, () =>
        cli(['timing', '-C', dir, '--make', make.path, '--build', '--json']),
      );
      assert.equal(timing.code, 0, timing.stderr);
      const parsed = JSON.parse(timing.stdout) as { buildExitCode: number; parseMs: number };
      assert.equal(parsed.buildExitCode, 0);
      assert.ok(parsed.parseMs > 0);
    });

    it("dry-run and timing: a failed make -n exits 2 with make's error first", async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      for (const command of ['dry-run', 'timing', 'trace']) {
        const run = await unchanged(dir, () =>
          cli([command, '-C', dir, '--make', make.path, '--', 'app', 'no-such-target']),
        );
        assert.equal(run.code, 2, `${command}: ${run.stdout}`);
        const [first, second] = run.stdout.split('\n');
        assert.match(first, /^make -n (--trace )?failed \(exit 2\)/, `${command}: ${run.stdout}`);
        assert.match(second, /No rule to make target 'no-such-target'/, `${command}: ${run.stdout}`);
      }
    });

    it('timing: durations rounded (ms under a second, else seconds with two decimals)', async () => {
      workspace = await workspaceFrom('includes');
      const dir = workspace.directory;
      const timing = await unchanged(dir, () => cli(['timing', '-C', dir, '--make', make.path, '--build']));
      assert.equal(timing.code, 0, timing.stderr);
      assert.match(timing.stdout, /^reading the makefiles: +(\d+(\.\d)? ms|\d+\.\d\d s)$/m);
      assert.match(timing.stdout, /^full build \([a-z ]+\): +(\d+(\.\d)? ms|\d+\.\d\d s)$/m);
      assert.doesNotMatch(timing.stdout, /\d\.\d{3,}/, 'no raw float');
    });

    it('--var NAME=VALUE reaches make as one argument, for every probe; bad names are usage errors', async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      const base = ['-C', dir, '--make', make.path];
      const resolved = await unchanged(dir, () =>
        cli(['vars', ...base, '--var', 'CFLAGS=-O0 -DX', '--var=OPT_LEVEL=slow', 'CFLAGS', 'OPT_LEVEL']),
      );
      assert.equal(resolved.code, 0, resolved.stderr);
      assert.match(resolved.stdout, /^CFLAGS = -O0 -DX {2}recursive, command line$/m);
      assert.match(resolved.stdout, /^OPT_LEVEL = slow {2}recursive, command line$/m);
      const forTarget = await unchanged(dir, () =>
        cli(['vars', ...base, '--var', 'CFLAGS=-O0', '--target', 'debug', 'CFLAGS']),
      );
      assert.match(forTarget.stdout, /^CFLAGS = -O0 /m);
      const database = await unchanged(dir, () => cli(['vars', ...base, '--var', 'CFLAGS=-O0 -DX']));
      assert.match(database.stdout, /^CFLAGS = -O0 -DX {2}command line, <builtin>$/m);
      const dryRun = await unchanged(dir, () => cli(['dry-run', ...base, '--var', 'CFLAGS=-O0 -DX; true']));
      assert.equal(dryRun.code, 1, dryRun.stderr);
      assert.match(dryRun.stdout, /^ {2}echo cc -O0 -DX; true -o app main\.c$/m);
      const timing = await unchanged(dir, () => cli(['timing', ...base, '--var', 'CFLAGS=-O0', '--json']));
      assert.equal(timing.code, 0, timing.stderr);
      for (const bad of ['A B=1', 'A:=1', 'A+=1', 'NOVALUE', '$(X)=1']) {
        const refused = await cli(['dry-run', ...base, '--var', bad]);
        assert.equal(refused.code, 2, bad);
        assert.match(refused.stderr, /^makescope: --var needs NAME=VALUE/, bad);
      }
    });

    it("vars: MAKEFLAGS, MFLAGS and MAKEFILE_LIST as make shows them to the build, not the probe's own", async () => {
      workspace = await workspaceFrom('target-specific-vars');
      const dir = workspace.directory;
      const resolved = await unchanged(dir, () =>
        cli(['vars', '-C', dir, '--make', make.path, 'MAKEFILE_LIST', 'MAKEFLAGS']),
      );
      assert.match(resolved.stdout, /^MAKEFILE_LIST = Makefile {2}/m);
      assert.match(resolved.stdout, /^MAKEFLAGS = {3}recursive/m);
      const database = await unchanged(dir, () =>
        cli(['vars', '-C', dir, '--make', make.path, '--all', '-j', '2']),
      );
      assert.match(database.stdout, /^MAKEFLAGS = +-j2 --jobserver-auth=\S+ {2}makefile/m);
      assert.match(database.stdout, /^MFLAGS = -j2 --jobserver-auth=\S+ {2}environment/m);
    });

    it('vars NAME: a variable from an included makefile that make regenerates, as make resolves it', async () => {
      workspace = await workspaceFrom('regenerated-include');
      const dir = workspace.directory;
      const resolved = await unchanged(dir, () => cli(['vars', '-C', dir, '--make', make.path, 'V']));
      assert.equal(resolved.code, 0, resolved.stderr);
      assert.match(resolved.stdout, /^V = 42 {2}simple, file$/m);
      assert.match(resolved.stdout, /ran (isolated|in a throwaway copy)/);
      const database = await unchanged(dir, () => cli(['vars', '-C', dir, '--make', make.path]));
      assert.match(database.stdout, /^V := 42 {2}makefile, gen\.mk:1$/m);
    });

    it('says in one line where make ran and why; --verbose lists every risky line; JSON keeps them', async () => {
      workspace = await workspaceFrom('risk-many-lines');
      const dir = workspace.directory;
      const base = ['dry-run', '-C', dir, '--make', make.path];
      const short = await unchanged(dir, () => cli(base));
      const placement = short.stdout.split('\n').filter((line) => /^(make: | {2}Makefile:)/.test(line));
      assert.deepEqual(placement.length, 1, short.stdout);
      assert.match(
        placement[0],
        /^make: .*ran (isolated|in a throwaway copy).*; 3 makefile lines could write, the first: Makefile:3: .*\(--verbose lists all 3\)$/,
      );
      const verbose = await unchanged(dir, () => cli([...base, '--verbose']));
      for (const line of [3, 4, 5]) assert.match(verbose.stdout, new RegExp(`^ {2}Makefile:${line}: `, 'm'));
      const json = await unchanged(dir, () => cli([...base, '--json']));
      const parsed = JSON.parse(json.stdout) as { placement: { reasons: string[]; headline: string } };
      assert.equal(parsed.placement.reasons.filter((r) => /^Makefile:\d+: /.test(r)).length, 3);
      assert.match(
        parsed.placement.headline,
        /^ran (isolated|in a throwaway copy).*; 3 makefile lines could write/,
      );
    });

    it('runbook: phony targets sorted, once each', async () => {
      workspace = await workspaceFrom('recursive-echo-submake');
      const dir = workspace.directory;
      const runbook = await unchanged(dir, () => cli(['runbook', '-C', dir, '--make', make.path]));
      assert.equal(runbook.code, 0, runbook.stderr);
      const line = /^- Phony targets.*: (.*)$/m.exec(runbook.stdout)?.[1] ?? '';
      const names = line.split(' ');
      assert.deepEqual(names, [...new Set(names)].sort(), line);
    });

    it('refuses in place with the reason when the sandbox policy is never', async () => {
      workspace = await workspaceFrom('risk-shell-touch');
      const dir = workspace.directory;
      const refused = await unchanged(dir, () =>
        cli(['convergence', '-C', dir, '--make', make.path, '--sandbox', 'never']),
      );
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /Makefile:2: \$\(shell \.\.\.\) runs while the makefile is read/);
    });
  });
}
