// A file name derived from everything an answer depends on (cache entries, compiled helpers): not a check of content.

/** The final mix of each lane, so that texts differing only in their last bytes still differ in most digits. */
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
  // Four bytes a step, four lanes in one pass: the CLI names 16 KB of launcher source on every run,
  // before V8 has compiled this loop (a step per UTF-16 unit took 2 ms there).
  const bytes = alignedBytes(text);
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  let a = 0x811c9dc5 ^ bytes.length;
  let b = 0x9e3779b9 ^ bytes.length;
  let c = 0x85ebca6b ^ bytes.length;
  let d = 0xc2b2ae35 ^ bytes.length;
  const step = (word: number): void => {
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x01000195);
    c = Math.imul(c ^ word, 0x01000197);
    d = Math.imul(d ^ word, 0x01000199);
  };
  for (let i = 0; i < words.length; i++) step(words[i]);
  for (let i = words.length * 4; i < bytes.length; i++) step(bytes[i]);
  return [a, b, c, d].map((lane) => avalanche(lane).toString(16).padStart(8, '0')).join('');
}

/** The text's UTF-8 bytes at an offset an Int32Array may start from. */
function alignedBytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
}
