// The C helpers Makescope compiles (here the namespace launcher; the preloaded recorder is built the same way):
// built once into the cache folder, run from there only while the file and its folder are the user's own alone,
// and a probe still isolated (through Perl) when the compiled launcher is refused.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { compiledHelper } from '../../engine/probes/compiledHelper';
import { compiledLauncher, LAUNCHER_SPEC } from '../../engine/probes/isolation/compiledLauncher';
import { resolveProbe } from '../../engine/probes/resolveProbe';
import { workspaceFrom, type Workspace } from './support/fixtureCopy';
import { MAKES, requireMake } from './support/makes';

function requireCompiler(): void {
  if (!['/usr/bin/cc', '/usr/bin/gcc'].some((file) => existsSync(file)))
    throw new Error('cc is missing: apt-get install gcc (the helpers are compiled with it)');
}

describe("compiled helpers: built once, trusted only while the user's own", () => {
  const chosen = process.env.MAKESCOPE_CACHE_DIR;
  let cache: string;
  let workspace: Workspace | undefined;
  beforeEach(async () => {
    requireCompiler();
    cache = await mkdtemp(path.join(tmpdir(), 'makescope-helpers-'));
    process.env.MAKESCOPE_CACHE_DIR = path.join(cache, 'makescope');
  });
  afterEach(async () => {
    if (chosen === undefined) delete process.env.MAKESCOPE_CACHE_DIR;
    else process.env.MAKESCOPE_CACHE_DIR = chosen;
    await workspace?.dispose();
    workspace = undefined;
    await rm(cache, { recursive: true, force: true });
  });

  it('compiles the launcher once into the cache folder, a file only its owner may write', async () => {
    const first = await compiledLauncher();
    const second = await compiledLauncher();
    assert.ok(first !== undefined, 'the compiled launcher was not built');
    assert.equal(second, first);
    assert.equal(path.dirname(first), path.join(cache, 'makescope'));
    assert.equal((await stat(first)).mode & 0o022, 0);
    assert.deepEqual(await readdir(path.join(cache, 'makescope')), [path.basename(first)]);
  });

  it('refuses a helper others may write (the file or its folder) and isolates through Perl instead', async () => {
    requireMake(MAKES[0]);
    workspace = await workspaceFrom('parallel-clean');
    const options = { directory: workspace.directory, make: MAKES[0].path, variables: ['MAKE_VERSION'] };
    const launcher = await compiledLauncher();
    assert.ok(launcher !== undefined, 'the compiled launcher was not built');
    await chmod(launcher, 0o777);
    const refused = await compiledHelper(LAUNCHER_SPEC);
    assert.deepEqual(refused, { ok: false, reason: `${launcher} is not this user's own alone` });
    assert.equal(await compiledLauncher(), undefined);
    const throughPerl = await resolveProbe(options);
    assert.equal(throughPerl.placement.where, 'isolated');
    assert.equal(throughPerl.values[0].value, MAKES[0].version);

    await chmod(launcher, 0o755);
    assert.equal(await compiledLauncher(), launcher, 'its own again: used again, not rebuilt');
    await chmod(path.dirname(launcher), 0o777);
    assert.equal(await compiledLauncher(), undefined, 'a folder others may write is refused too');
    await chmod(path.dirname(launcher), 0o700);
  });

  it('builds the launcher again when its file is gone from the cache', async () => {
    const launcher = await compiledLauncher();
    assert.ok(launcher !== undefined, 'the compiled launcher was not built');
    await rm(launcher);
    assert.equal(await compiledLauncher(), launcher);
    assert.ok(existsSync(launcher));
  });
});
