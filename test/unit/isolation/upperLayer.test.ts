// Reading an upper layer: files and folders by their real paths, deletions from both whiteout forms.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readUpperLayer } from '../../../engine/probes/isolation/upperLayer';

describe('isolation: the upper layer', () => {
  let upper: string;
  beforeEach(async () => {
    upper = await mkdtemp(path.join(tmpdir(), 'makescope-unit-upper-'));
  });
  afterEach(() => rm(upper, { recursive: true, force: true }));

  it("names each entry by its path under the project's root; fuse-overlayfs's .wh. files are deletions", async () => {
    await mkdir(path.join(upper, 'src', 'gen'), { recursive: true });
    await writeFile(path.join(upper, 'src', 'gen', 'config.h'), '#define X 1\n');
    await writeFile(path.join(upper, 'src', '.wh.old.o'), '');
    await writeFile(path.join(upper, 'src', '.wh..wh..opq'), '');
    await symlink('config.h', path.join(upper, 'src', 'gen', 'link.h'));
    const layer = await readUpperLayer(upper, '/work/project');
    assert.deepEqual([...layer].map(([file, entry]) => [file, entry.kind]).sort(), [
      ['/work/project/src', 'directory'],
      ['/work/project/src/gen', 'directory'],
      ['/work/project/src/gen/config.h', 'file'],
      ['/work/project/src/gen/link.h', 'symlink'],
      ['/work/project/src/old.o', 'deleted'],
    ]);
    assert.equal(layer.get('/work/project/src/gen/config.h')?.size, 12);
  });

  it('an empty or missing layer holds nothing', async () => {
    assert.equal((await readUpperLayer(upper, '/p')).size, 0);
    assert.equal((await readUpperLayer(path.join(upper, 'absent'), '/p')).size, 0);
  });
});
