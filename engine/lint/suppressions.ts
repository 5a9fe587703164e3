// Inline silencing: `# makescope-disable-next-line MS101 MS102`, and `# makescope-disable MS101` ... `# makescope-enable MS101`.
import type { Comment } from '../parser/ast';

const DIRECTIVE = /^#\s*makescope-(disable-next-line|disable|enable)\b(.*)$/;

/** Which codes are silenced on which line; a directive without codes silences every rule. */
export interface Suppressions {
  isSilenced(code: string, line: number): boolean;
}

export function suppressionsOf(
  comments: readonly Comment[],
  codeName: (codeOrName: string) => string,
): Suppressions {
  const nextLine = new Map<number, Set<string>>();
  /** Per code ('*' for all): the ranges [from, to) of silenced lines. */
  const spans: { code: string; from: number; to: number }[] = [];
  const open = new Map<string, number>();
  for (const comment of comments) {
    if (!comment.text.includes('makescope-')) continue;
    const match = DIRECTIVE.exec(comment.text.trim());
    if (!match) continue;
    const codes = (match[2] ?? '')
      .split(/[\s,]+/)
      .filter((c) => c.length > 0)
      .map(codeName);
    const list = codes.length > 0 ? codes : ['*'];
    const line = comment.range.start.line;
    if (match[1] === 'disable-next-line') {
      nextLine.set(line + 1, new Set(list));
    } else if (match[1] === 'disable') {
      for (const code of list) if (!open.has(code)) open.set(code, line);
    } else {
      for (const code of codes.length === 0 ? [...open.keys()] : list) {
        const from = open.get(code);
        if (from === undefined) continue;
        spans.push({ code, from, to: line });
        open.delete(code);
      }
    }
  }
  for (const [code, from] of open) spans.push({ code, from, to: Number.POSITIVE_INFINITY });
  return {
    isSilenced(code: string, line: number): boolean {
      const codes = nextLine.get(line);
      if (codes && (codes.has('*') || codes.has(code))) return true;
      return spans.some(
        (span) => (span.code === '*' || span.code === code) && span.from <= line && line < span.to,
      );
    },
  };
}
