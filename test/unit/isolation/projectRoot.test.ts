// The overlay's extent: the repository, or the highest folder the makefiles name, never a system folder.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findProjectRoot, namedPaths } from '../../../engine/probes/isolation/projectRoot';

describe('isolation: the project root', () => {
  let top: string;
  beforeEach(async () => {
    top = await mkdtemp(path.join(tmpdir(), 'makescope-unit-root-'));
  });
  afterEach(() => rm(top, { recursive: true, force: true }));

  it('reads absolute paths and paths that climb out with .. from makefile text', () => {
    const text = [
      'CMAKE_SOURCE_DIR = /home/u/libuv',
      'CMAKE_COMMAND = /usr/bin/cmake',
      '\tcd ../deps && $(MAKE) hiredis',
      'include $(srctree)/scripts/Kbuild.include',
      'X := "../quoted/file"',
      'up: ; cd .. && ls',
      'url = http://example.invalid/a',
    ].join('\n');
    assert.deepEqual(namedPaths(text), [
      '/home/u/libuv',
      '/usr/bin/cmake',
      '../deps',
      '../quoted/file',
      '..',
      '//example.invalid/a',
    ]);
  });

  it('takes the repository top level, found by its .git', async () => {
    const repo = path.join(top, 'repo');
    await mkdir(path.join(repo, '.git'), { recursive: true });
    await mkdir(path.join(repo, 'src'));
    assert.deepEqual(await findProjectRoot(path.join(repo, 'src'), []), {
      root: repo,
      why: 'the repository',
    });
  });

  it('widens to the folder a cmake build folder names, and to the folder above src that `cd ../deps` reaches', async () => {
    const source = path.join(top, 'libuv');
    const build = path.join(source, '_build');
    await mkdir(build, { recursive: true });
    assert.deepEqual(await findProjectRoot(build, [source, '/usr/bin/cmake']), {
      root: source,
      why: `the makefiles name ${source}`,
    });
    const redis = path.join(top, 'redis');
    await mkdir(path.join(redis, 'src'), { recursive: true });
    assert.equal((await findProjectRoot(path.join(redis, 'src'), ['../deps'])).root, redis);
  });

  it('never widens to /, a top-level folder, the home folder or the temp folder', async () => {
    const project = path.join(top, 'p');
    await mkdir(project);
    const named = ['/usr/include/stdio.h', '/etc/passwd', `${path.dirname(tmpdir())}x/y`, '../../../../..'];
    assert.deepEqual(await findProjectRoot(project, named), {
      root: project,
      why: 'the folder make runs in',
    });
    // The temp folder itself (which holds the scratch layers) is refused too.
    assert.equal((await findProjectRoot(project, ['../../other'])).root, project);
  });

  it('follows a symlink out of a repository to the real folder, where make runs and `..` climbs', async () => {
    const real = await realpath(top);
    await mkdir(path.join(real, 'repo', '.git'), { recursive: true });
    await mkdir(path.join(real, 'elsewhere', 'p'), { recursive: true });
    await symlink(path.join(real, 'elsewhere'), path.join(real, 'repo', 'cache'));
    const linked = path.join(real, 'repo', 'cache', 'p');
    assert.deepEqual(await findProjectRoot(linked, []), {
      root: path.join(real, 'elsewhere', 'p'),
      why: 'the folder make runs in',
    });
    assert.equal((await findProjectRoot(linked, ['../deps'])).root, path.join(real, 'elsewhere'));
  });

  it('keeps the folder make runs in when nothing else is named', async () => {
    const project = path.join(top, 'plain');
    await mkdir(project);
    await writeFile(path.join(project, 'Makefile'), 'all: ; @true\n');
    assert.equal((await findProjectRoot(project, [])).root, project);
  });
});
