// A file name derived from everything an answer depends on (cache entries, compiled helpers): not a check of content.

/** Four 32-bit lanes, each a multiply-xor pass over the text's UTF-16 units with its own seed. */
const SEEDS = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];

/** The final mix of each lane, so that texts differing in their last character differ in every digit. */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * 32 hex digits (128 bits) naming `text`. node:crypto's hashes cost the CLI about 6 ms of module loading
 * on every run, for names whose only job is to differ when what they stand for differs: whoever can
 * write the cache folder can write its files whatever they are called, so the name needs no resistance
 * to a forger; the files are trusted by their owner and mode (detectionCache.ts, compiledHelper.ts).
 */
export function nameDigest(text: string): string {
  let digest = '';
  for (let lane = 0; lane < SEEDS.length; lane++) {
    let h = SEEDS[lane] ^ text.length;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193 + 2 * lane);
    digest += avalanche(h).toString(16).padStart(8, '0');
  }
  return digest;
}
