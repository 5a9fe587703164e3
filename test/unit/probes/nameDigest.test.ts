// The names of cache entries and compiled helpers: stable, 128 bits, different when what they name differs.
import { strict as assert } from 'node:assert';
import { nameDigest } from '../../../engine/probes/nameDigest';

describe('nameDigest (engine/probes)', () => {
  it('names a text with 32 hex digits, the same every time', () => {
    assert.match(nameDigest('make|/usr/bin/make|4.3'), /^[0-9a-f]{32}$/);
    assert.equal(nameDigest('make|/usr/bin/make|4.3'), nameDigest('make|/usr/bin/make|4.3'));
    assert.match(nameDigest(''), /^[0-9a-f]{32}$/);
  });

  it('gives texts that differ in one character, or only in length, names that differ in most digits', () => {
    const texts = ['key-a', 'key-b', 'kez-a', 'key-a\0', '\0key-a', 'key-aa'];
    const names = texts.map(nameDigest);
    assert.equal(new Set(names).size, texts.length);
    const differing = (a: string, b: string): number => [...a].filter((digit, i) => digit !== b[i]).length;
    assert.ok(differing(names[0], names[1]) > 20, `${names[0]} against ${names[1]}`);
  });

  it('collides on none of 100,000 near-identical keys (paths that differ in a counter)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(nameDigest(`/usr/bin/make\0${i}\0x86_64`).slice(0, 16));
    assert.equal(seen.size, 100_000, 'even the 64-bit prefix (a compiled helper name) stays apart');
  });
});
