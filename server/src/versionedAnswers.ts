// Answers kept for one parsed version of a document: VS Code asks again without an edit (a tab shown
// again, a scroll, a refresh), and the answer it gets is the one already computed (and serialized).
import type { FileIndex } from '../../engine/analysis/fileIndex';

/**
 * The last answer per parsed document, with what else it was computed from (`key`: the workspace model's
 * generation, the range, the settings, make's answers...). Kept while every part of the key is the same
 * (===); a new parse of the document drops it with the old parse.
 */
export class VersionedAnswers<T> {
  private readonly answers = new WeakMap<FileIndex, { key: readonly unknown[]; answer: T }>();

  get(index: FileIndex, key: readonly unknown[], compute: () => T): T {
    const kept = this.answers.get(index);
    if (kept && sameKey(kept.key, key)) return kept.answer;
    const answer = compute();
    this.answers.set(index, { key, answer });
    return answer;
  }
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}
