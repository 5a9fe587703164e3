// The `makescope` command as a user gets it: npm pack, npm install -g into a temporary prefix, then run the bin.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { touch, workspaceFrom, type Workspace } from './support/fixtureCopy';
import { repoRoot } from './support/makes';
import { unchanged } from './support/probeCheck';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program (argument array, no shell) and resolves with its exit code and output, whatever the code. */
async function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** One argument for the shell that `script -c` starts (it takes a command string, not an argv). */
const shellQuote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

// Colour is decided by the terminal alone: no NO_COLOR or FORCE_COLOR from the caller's environment.
const plainEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'NO_COLOR' && key !== 'FORCE_COLOR'),
);
const ESC = /\u001b\[/;

describe('makescope installed from the npm tarball', function () {
  this.timeout(300_000);
  let scratch: string;
  let bin: string;
  let workspace: Workspace | undefined;

  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'makescope-installed-'));
    const packed = await run('npm', ['pack', '--json', '--pack-destination', scratch, repoRoot]);
    assert.equal(packed.code, 0, `npm pack: ${packed.stderr}`);
    const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    const prefix = path.join(scratch, 'prefix');
    const installed = await run('npm', [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      path.join(scratch, filename),
    ]);
    assert.equal(installed.code, 0, `npm install -g: ${installed.stderr}`);
    bin = path.join(prefix, 'bin', 'makescope');
  });
  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
  });

  it('--help and --version exit 0; a usage error exits 2 with one line on stderr', async () => {
    const help = await run(bin, ['--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: makescope <command> \[options\] \[--\] \[TARGET\.\.\.\]$/m);
    assert.match(help.stdout, /^Exit codes:\n {2}0 {2}converged/m);
    const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.deepEqual(await run(bin, ['--version']), {
      code: 0,
      stdout: `makescope ${version.version}\n`,
      stderr: '',
    });
    const usage = await run(bin, ['trace', '--frobnicate']);
    assert.equal(usage.code, 2);
    assert.equal(usage.stdout, '');
    assert.match(usage.stderr, /^makescope: .*unknown option.*\n$/);
  });

  it('a real probe: exit 0 when settled, 1 when stale; colour only on a terminal', async () => {
    workspace = await workspaceFrom('recursive-echo-submake', { build: 'make' });
    const dir = workspace.directory;
    const settled = await unchanged(dir, () => run(bin, ['convergence', '-C', dir], plainEnv));
    assert.equal(settled.code, 0, settled.stderr);
    assert.match(settled.stdout, /^converged/);
    assert.doesNotMatch(settled.stdout, ESC, 'no colour when stdout is not a terminal');

    await touch(path.join(dir, 'lib', 'foo.c'));
    const stale = await unchanged(dir, () => run(bin, ['convergence', '-C', dir], plainEnv));
    assert.equal(stale.code, 1, stale.stderr);
    assert.match(stale.stdout, /foo\.o {2}lib\/Makefile:6/);
    assert.doesNotMatch(stale.stdout, ESC, 'no colour when stdout is not a terminal');

    // script(1) gives the command a pseudo-terminal; -e passes on its exit code.
    const command = [bin, 'convergence', '-C', dir].map(shellQuote).join(' ');
    const onTerminal = await unchanged(dir, () =>
      run('script', ['--quiet', '--return', '--command', command, '/dev/null'], plainEnv),
    );
    assert.equal(onTerminal.code, 1, onTerminal.stderr);
    assert.match(onTerminal.stdout, ESC, 'colour on a terminal');
    assert.match(onTerminal.stdout.replace(/\u001b\[[0-9;]*m/g, ''), /foo\.o {2}lib\/Makefile:6/);
  });
});
