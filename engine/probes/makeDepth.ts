// How deep make's recursion went, from its "make[N]: Entering directory" lines, to explain a timeout.

/** Legitimate recursive builds stay a few levels deep; far beyond this, $(MAKE) is calling itself. */
const SUSPICIOUS_DEPTH = 20;
const ENTERING = /\[(\d+)\]: Entering directory/g;

export class MakeDepth {
  private deepest = 0;

  /** Reads one chunk of make's output (a line split across chunks is missed, which only undercounts). */
  push(chunk: string): void {
    // Streams may hand over Buffers despite the declared type. Most chunks of a large output hold no such
    // line: a plain search skips them (the pattern's scan cost a dry run ~2 ms of a 1.5 MB output).
    const text = String(chunk);
    if (!text.includes(': Entering directory')) return;
    for (const match of text.matchAll(ENTERING)) this.deepest = Math.max(this.deepest, Number(match[1]));
  }

  /** A clause to append to a timeout or truncation message; empty when the depth looks normal. */
  hint(): string {
    return this.deepest >= SUSPICIOUS_DEPTH
      ? `; make was ${this.deepest} levels deep: a recipe may run $(MAKE) on its own goal`
      : '';
  }
}
