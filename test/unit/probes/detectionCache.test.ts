// Detection answers kept on disk: read back under the same key only, never from a file others can write.
import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cacheFolder } from '../../../engine/probes/cacheFolder';
import { forget, recall, remember } from '../../../engine/probes/detectionCache';

const isAnswer = (value: unknown): value is { answer: number } =>
  typeof (value as { answer?: unknown } | null)?.answer === 'number';

describe('detection cache', () => {
  let folder: string;
  let saved: string | undefined;
  beforeEach(async () => {
    saved = process.env.MAKESCOPE_CACHE_DIR;
    folder = await mkdtemp(path.join(tmpdir(), 'makescope-cache-test-'));
    process.env.MAKESCOPE_CACHE_DIR = path.join(folder, 'cache');
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.MAKESCOPE_CACHE_DIR;
    else process.env.MAKESCOPE_CACHE_DIR = saved;
    await rm(folder, { recursive: true, force: true });
  });

  it('gives back what was kept under the same key, and nothing under another', async () => {
    assert.equal(await recall('make', 'key one', isAnswer), undefined);
    await remember('make', 'key one', { answer: 42 });
    assert.deepEqual(await recall('make', 'key one', isAnswer), { answer: 42 });
    assert.equal(await recall('make', 'key two', isAnswer), undefined);
    assert.equal(await recall('isolation', 'key one', isAnswer), undefined);
    await forget('make', 'key one');
    assert.equal(await recall('make', 'key one', isAnswer), undefined);
  });

  it('keeps the newest answers of a kind when there are many', async () => {
    for (let i = 0; i < 20; i++) await remember('make', `key ${i}`, { answer: i });
    const files = await readdir(process.env.MAKESCOPE_CACHE_DIR!);
    assert.equal(files.filter((name) => name.startsWith('make-')).length, 16);
    assert.deepEqual(await recall('make', 'key 19', isAnswer), { answer: 19 });
  });

  it('ignores an answer of the wrong shape and a file other users could write', async () => {
    await remember('make', 'shape', { answer: 'not a number' });
    assert.equal(await recall('make', 'shape', isAnswer), undefined);
    const before = new Set(await readdir(process.env.MAKESCOPE_CACHE_DIR!));
    await remember('make', 'shared', { answer: 1 });
    const [file] = (await readdir(process.env.MAKESCOPE_CACHE_DIR!)).filter((name) => !before.has(name));
    assert.ok(file, "the file of the answer to 'shared'");
    assert.deepEqual(
      await recall('make', 'shared', isAnswer),
      { answer: 1 },
      'read while only its owner may write it',
    );
    await chmod(path.join(process.env.MAKESCOPE_CACHE_DIR!, file), 0o666);
    assert.equal(await recall('make', 'shared', isAnswer), undefined);
  });

  it('keeps nothing with MAKESCOPE_CACHE_DIR=none, and uses XDG_CACHE_HOME otherwise', async () => {
    process.env.MAKESCOPE_CACHE_DIR = 'none';
    assert.equal(cacheFolder(), undefined);
    await remember('make', 'off', { answer: 1 });
    assert.equal(await recall('make', 'off', isAnswer), undefined);
    delete process.env.MAKESCOPE_CACHE_DIR;
    const xdg = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/somewhere/cache';
    try {
      assert.equal(cacheFolder(), '/somewhere/cache/makescope');
    } finally {
      if (xdg === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = xdg;
    }
  });
});
