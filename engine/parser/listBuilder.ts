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

/** A list, or its only item: most rules have one target, one prerequisite, one recipe line. */
export type ListOrItem<T> = T | T[];

/** The list a ListOrItem stands for (a one-item list is a new array). */
export function list<T>(kept: ListOrItem<T>): T[] {
  return Array.isArray(kept) ? kept : [kept];
}

export function countOf<T>(kept: ListOrItem<T>): number {
  return Array.isArray(kept) ? kept.length : 1;
}

export function kept<T>(items: T[]): ListOrItem<T> {
  return items.length === 1 ? items[0] : items;
}

/**
 * The longest buffer a parse's reused list (its references, its statements) keeps for the next
 * parse: half the file's size in bytes (8 bytes a slot), so that what a parse leaves behind stays
 * small beside the tree it returns (about 20 bytes per byte of input), and at least what a short
 * list needs.
 */
export function keptForText(textLength: number): number {
  return Math.max(KEPT_CAPACITY, textLength >> 4);
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

  /** Holds the next place for an item known later (set()), so items keep their order. */
  reserve(): number {
    this.items[this.count] = undefined;
    return this.count++;
  }

  set(index: number, item: T): void {
    this.items[index] = item;
  }

  /** The last item added, or undefined. */
  last(): T | undefined {
    return this.count > 0 ? this.items[this.count - 1] : undefined;
  }

  /** Forgets the items added since the last take(). */
  clear(): void {
    if (this.count > 0) this.take();
  }

  /**
   * The items added since the last take(), as a new array (or the shared empty list); empties the
   * buffer, and lets it go when it is longer than `keptCapacity`.
   */
  take(keptCapacity = KEPT_CAPACITY): T[] {
    const n = this.count;
    if (n === 0) return emptyList();
    const items = this.items;
    const list = (n === 1 ? [items[0]] : items.slice(0, n)) as T[];
    this.count = 0;
    // A hostile line (320,000 prerequisites) would leave the buffer that long for good: drop it.
    if (items.length > keptCapacity) {
      this.items = [];
      return list;
    }
    // Drop the references so the buffer does not keep an old tree (and its source text) alive.
    for (let k = 0; k < n; k++) items[k] = undefined;
    return list;
  }
}
