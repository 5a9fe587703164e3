// Detection kept across CLI processes: read back while make and the machine are unchanged, found again when not or when wrong.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { MAKES, repoRoot, requireMake } from './support/makes';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');

interface Kept {
  key: string;
  value: Record<string, unknown>;
}

describe('detection kept across CLI processes', () => {
  let scratch: string;
  let cache: string;
  let project: string;
  let make: string;

  beforeEach(async () => {
    requireMake(MAKES[0]);
    scratch = await mkdtemp(path.join(tmpdir(), 'makescope-kept-'));
    cache = path.join(scratch, 'cache');
    project = path.join(scratch, 'project');
    await mkdir(project);
    await writeFile(path.join(project, 'Makefile'), 'A = 1\nall: ; @echo $(A)\n');
    // A copy of the real make (a program, not a script), so the test may change its times.
    make = path.join(scratch, 'make');
    await copyFile(MAKES[0].path, make);
    await chmod(make, 0o755);
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function vars(): Promise<{ placement: { makeVersion: string; isolation?: { kind: string } } }> {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cliPath, 'vars', '-C', project, '--make', make, '--json'],
      { env: { ...process.env, MAKESCOPE_CACHE_DIR: cache }, maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(stdout) as { placement: { makeVersion: string; isolation?: { kind: string } } };
  }

  async function kept(kind: string): Promise<{ file: string; entry: Kept }[]> {
    const names = (await readdir(cache)).filter((name) => name.startsWith(`${kind}-`));
    return Promise.all(
      names.map(async (name) => {
        const file = path.join(cache, name);
        return { file, entry: JSON.parse(await readFile(file, 'utf8')) as Kept };
      }),
    );
  }

  it("reads make's capabilities back from the first process, and detects again once make changed", async () => {
    const first = await vars();
    const [entry, ...more] = await kept('make');
    assert.ok(entry, 'the first process kept what it detected');
    assert.deepEqual(more, []);
    // Marked, so the test can see where the next answer comes from.
    const version = entry.entry.value.version as { text: string };
    await writeFile(
      entry.file,
      JSON.stringify({
        ...entry.entry,
        value: { ...entry.entry.value, version: { ...version, text: 'kept' } },
      }),
      { mode: 0o600 },
    );
    assert.equal((await vars()).placement.makeVersion, 'kept');
    const later = new Date(Date.now() - 60_000);
    await utimes(make, later, later);
    assert.equal((await vars()).placement.makeVersion, first.placement.makeVersion);
    assert.equal((await kept('make')).length, 2, 'the changed make is kept under its own key');
  });

  it('starts over with isolation tried afresh when the kept isolation no longer works', async function () {
    const first = await vars();
    const [entry] = await kept('isolation');
    if (first.placement.isolation === undefined || entry === undefined) this.skip();
    // What a machine whose isolation went away would have kept: a fuse-overlayfs that cannot start.
    const wrong = {
      ...entry.entry.value,
      kind: 'fuse-overlayfs',
      fuseOverlayfs: path.join(scratch, 'missing'),
    };
    await writeFile(entry.file, JSON.stringify({ ...entry.entry, value: wrong }), { mode: 0o600 });
    const again = await vars();
    assert.deepEqual(again.placement, first.placement);
    const [replaced] = await kept('isolation');
    assert.deepEqual(replaced.entry.value, entry.entry.value, 'the wrong answer was replaced');
  });
});
