// One string for each slice of the source a parse keeps many times (variable names, words): a slot per hash.

/**
 * A file names the same variables and files thousands of times, and each slice is a string of its
 * own (24 bytes or more) that the tree keeps and each young-generation collection copies. A slot per
 * hash of the slice's characters, compared in place: no new string when the slot holds the same
 * characters, and no hash of a new string (a Map keyed by the slice hashed every one, an eighth of
 * the parse of a file of distinct names, where it found none). Bounded, so that a hostile file of
 * distinct names cannot grow it for good.
 */
export class SharedSlices {
  private readonly slots: string[];

  constructor(private readonly size: number) {
    this.slots = new Array<string>(size).fill('');
  }

  /** `text.slice(start, end)`, or the same characters kept from an earlier slice; `hash` is `sliceHash`'s. */
  slice(text: string, start: number, end: number, hash: number): string {
    const slot = hash & (this.size - 1);
    const kept = this.slots[slot] as string;
    if (kept.length === end - start && sameCharacters(kept, text, start)) return kept;
    const slice = text.slice(start, end);
    this.slots[slot] = slice;
    return slice;
  }
}

/** One more character into a slice's hash (`0` before the first). */
export function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

/** The hash of `text[start, end)`, as `hashStep` builds it character by character. */
export function sliceHash(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

/** Whether `text` holds `kept` at `start` (`startsWith` cost more, called on slices of a few characters). */
function sameCharacters(kept: string, text: string, start: number): boolean {
  for (let i = 0; i < kept.length; i++) if (kept.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
