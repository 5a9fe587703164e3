// `makescope fmt` run as a user runs it (node dist/cli.js) on a copy of a fixture: --check and --diff write nothing
// and exit 1, fmt writes and make -pRrq reads the same database after, a latin1 file keeps its bytes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeDatabase } from '../fidelity/support/makeDatabase';
import { MAKES, repoRoot, requireMake } from './support/makes';

const CLI = path.join(repoRoot, 'dist', 'cli.js');
const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'format-unformatted');

function fmt(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'fmt', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('makescope fmt', function () {
  this.timeout(120_000);
  let dir: string;
  let makefile: string;
  before(async () => {
    await fs.access(CLI).catch(() => {
      throw new Error(`${CLI} is missing: run node esbuild.mjs first`);
    });
  });
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'makescope-fmt-'));
    await fs.cp(FIXTURE, dir, { recursive: true });
    makefile = path.join(dir, 'Makefile');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('--check and --diff name the file that would change, exit 1 and write nothing', async () => {
    const original = await fs.readFile(makefile);
    const check = fmt(dir, '--check');
    assert.equal(check.code, 1, check.stderr);
    assert.equal(check.stdout, 'would reformat Makefile\n');
    const diff = fmt(dir, '--diff');
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^--- a\/Makefile\n\+\+\+ b\/Makefile\n/m);
    assert.match(diff.stdout, /^-CC=gcc\n/m);
    assert.match(diff.stdout, /^\+CC = gcc\n/m);
    assert.deepEqual(await fs.readFile(makefile), original, '--check and --diff leave the file as it was');
  });

  for (const make of MAKES) {
    it(`writes the file; make ${make.version} reads the same database; then --check exits 0 and a second fmt changes nothing`, async () => {
      requireMake(make);
      const before = await makeDatabase(make.path, makefile);
      assert.match(
        before.text,
        /^OBJS := main\.o util\.o$/m,
        "make's database lists the makefile's variables",
      );
      const run = fmt(dir);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, 'formatted Makefile\n');
      const formatted = await fs.readFile(makefile, 'utf8');
      assert.match(formatted, /^CC = gcc$/m);
      assert.match(formatted, /^all: app$/m);
      assert.match(
        formatted,
        /^\t\$\(CC\) \$\(CFLAGS\) -o \$@ \$\^ {3}$/m,
        'the recipe line stays byte for byte',
      );
      const after = await makeDatabase(make.path, makefile);
      assert.equal(after.exitCode, before.exitCode);
      assert.equal(after.text, before.text);
      const check = fmt(dir, '--check', 'Makefile');
      assert.equal(check.code, 0, check.stdout);
      assert.equal(check.stdout, '');
      fmt(dir);
      assert.equal(await fs.readFile(makefile, 'utf8'), formatted);
    });
  }

  it('keeps the bytes of a latin1 makefile, changing only the spaces', async () => {
    const legacy = path.join(dir, 'legacy.mk');
    await fs.writeFile(legacy, Buffer.from('NAME=caf\xe9\n#r\xe9sum\xe9\n', 'latin1'));
    const make = MAKES[0];
    requireMake(make);
    const before = await makeDatabase(make.path, legacy);
    const run = fmt(dir, 'legacy.mk');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await fs.readFile(legacy), Buffer.from('NAME = caf\xe9\n# r\xe9sum\xe9\n', 'latin1'));
    assert.equal((await makeDatabase(make.path, legacy)).text, before.text);
  });

  it('says which file it cannot read, and exits 2', () => {
    const run = fmt(dir, 'missing.mk');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\.mk: cannot read it \(ENOENT\)/);
  });
});
