// Counts fuzz cases and injected faults across the hardening layer and prints them once at the end.
const counts = new Map<string, number>();

export function tally(category: string, cases: number): void {
  counts.set(category, (counts.get(category) ?? 0) + cases);
}

/** Mocha root hooks (loaded with --require from .mocharc.hardening.json). */
export const mochaHooks = {
  afterAll(): void {
    if (counts.size === 0) return;
    console.log('\n  hardening tally:');
    for (const [category, cases] of counts) console.log(`    ${category}: ${cases.toLocaleString('en-US')}`);
  },
};
