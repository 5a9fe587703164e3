// The `makescope` executable as a process (node dist/cli.js): a reader that closes the pipe early, and V8's compiled
// code kept in the cache folder between runs (Node without enableCompileCache), never trusted when others may write it.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MAKES, repoRoot, requireMake } from './support/makes';

const CLI = path.join(repoRoot, 'dist', 'cli.js');
const nodeKeepsCode =
  typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('makescope as a process', function () {
  this.timeout(120_000);
  let scratch: string;
  let project: string;
  let cache: string;

  before(() => {
    requireMake(MAKES[0]);
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  });
  beforeEach(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'makescope-cli-process-'));
    project = path.join(scratch, 'project');
    cache = path.join(scratch, 'cache');
    await mkdir(project);
    // Far more JSON than a pipe holds (64 KB): the CLI is still writing when the reader goes.
    const variables = Array.from({ length: 3000 }, (_, i) => `VARIABLE_${i} = ${'value '.repeat(12)}${i}`);
    await writeFile(path.join(project, 'Makefile'), `${variables.join('\n')}\nall: ; @echo done\n`);
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const env = (): NodeJS.ProcessEnv => ({ ...process.env, MAKESCOPE_CACHE_DIR: cache, NO_COLOR: '1' });

  function vars(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [CLI, 'vars', '-C', project, ...args], {
      env: env(),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
    if (run.error) throw run.error;
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('ends quietly with status 141 when the reader closes the pipe (makescope vars --json | head)', async () => {
    const child = spawn(process.execPath, [CLI, 'vars', '-C', project, '--json'], { env: env() });
    let stderr = '';
    let firstChunk = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', (chunk: Buffer) => {
      firstChunk = chunk.toString();
      child.stdout.destroy();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.match(firstChunk, /^\{/, 'the reader got the start of the JSON');
    assert.equal(stderr, '', 'no stack trace, no message: the reader chose to stop');
    assert.equal(status, 141);
  });

  it('keeps the code V8 compiled for the next run, only in a file of its own that nobody else may write', async () => {
    const first = vars('VARIABLE_7');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^VARIABLE_7 = value value .* 7 {2}recursive, file/m);
    const kept = (await readdir(cache).catch(() => [] as string[])).filter((name) =>
      name.startsWith('cli-code-'),
    );
    if (nodeKeepsCode) {
      assert.deepEqual(kept, [], "Node keeps its own compile cache: Makescope's is not written");
      return;
    }
    assert.equal(kept.length, 1, `one file of compiled code in ${cache}: ${kept.join(', ')}`);
    const file = path.join(cache, kept[0]);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const data = await readFile(file);
    assert.ok(data.length > 10_000, `V8's data for the bundle (${data.length} bytes)`);

    // Read back: the same answer, the file left as it was.
    const second = vars('VARIABLE_7');
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(await readFile(file), data, 'a run that used the kept code does not write it again');

    // Data V8 rejects (damaged, or from another V8) is replaced, and the answer is the same.
    await writeFile(file, Buffer.alloc(data.length, 7));
    const damaged = vars('VARIABLE_7');
    assert.equal(damaged.stdout, first.stdout);
    assert.ok(
      (await readFile(file)).length > 10_000 && !(await readFile(file)).equals(Buffer.alloc(data.length, 7)),
    );

    // Good data in a file others may write is never run: it is replaced by this run's own.
    await writeFile(file, data);
    await chmod(file, 0o666);
    const shared = vars('VARIABLE_7');
    assert.equal(shared.stdout, first.stdout);
    assert.equal((await stat(file)).mode & 0o777, 0o600, 'written again by this run (its own file, 0600)');
  });

  it('keeps nothing with MAKESCOPE_CACHE_DIR=none', () => {
    const run = spawnSync(process.execPath, [CLI, 'vars', '-C', project, 'VARIABLE_1'], {
      env: { ...process.env, MAKESCOPE_CACHE_DIR: 'none', HOME: scratch, XDG_CACHE_HOME: cache },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^VARIABLE_1 = /m);
    assert.equal(existsSync(cache), false);
  });
});
