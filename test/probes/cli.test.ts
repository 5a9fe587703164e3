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
