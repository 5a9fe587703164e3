// Builds the tree's lists at their exact size: a list grown by push() keeps a 17-slot backing store.

/**
 * The one empty list the tree's lists share (most rules have no order-only prerequisites, many no
 * recipe): frozen, since the tree is read-only and a push into it must fail rather than reach
 * every node holding it.
 */
const EMPTY: readonly never[] = Object.freeze([]);

export function emptyList<T>(): T[] {
  return EMPTY as unknown as T[];
}

/** The longest buffer a builder keeps between lists: what real files' longest lists need. */
const KEPT_CAPACITY = 4096;

/**
 * Collects items in a reused buffer and hands them out as an exact-size array. The tree holds
 * tens of thousands of short lists (a rule's targets, prerequisites, recipe...); each one grown by
 * push() would keep room for 17 items, and everything a parse keeps is garbage-collector work.
 */
export class ListBuilder<T> {
  private items: (T | undefined)[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(item: T): void {
    this.items[this.count++] = item;
  }

  /** The items added since the last take(), as a new array (or the shared empty list); empties the buffer. */
  take(): T[] {
    const n = this.count;
    if (n === 0) return emptyList();
    const items = this.items;
    const list = (n === 1 ? [items[0]] : items.slice(0, n)) as T[];
    this.count = 0;
    // A hostile line (320,000 prerequisites) would leave the buffer that long for good: drop it.
    if (n > KEPT_CAPACITY) {
      this.items = [];
      return list;
    }
    // Drop the references so the buffer does not keep an old tree (and its source text) alive.
    for (let k = 0; k < n; k++) items[k] = undefined;
    return list;
  }
}
