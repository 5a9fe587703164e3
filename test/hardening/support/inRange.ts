// Asserts that every LSP range in a feature's answer lies inside the document it names, start before end.
import * as assert from 'node:assert/strict';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}

const isPosition = (value: unknown): value is Position =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Position).line === 'number' &&
  typeof (value as Position).character === 'number';
const isRange = (value: unknown): value is Range =>
  typeof value === 'object' &&
  value !== null &&
  isPosition((value as Range).start) &&
  isPosition((value as Range).end);

/** The length of each line as LSP counts it (UTF-16 units; LF, CRLF and CR end a line). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/**
 * Walks `answer` and checks every Range (any property holding {start, end}) against the document it
 * belongs to: the `uri` beside it, the key of a WorkspaceEdit's `changes`, else `uri`. Folding ranges
 * (startLine/endLine) are checked too. `documents` maps each URI the answer may name to its text.
 * Returns how many ranges were checked, so a caller can tell "nothing to check" from "all in range".
 */
export function assertInRange(
  answer: unknown,
  uri: string,
  documents: Record<string, string>,
  what: string,
): number {
  const lengths = new Map(Object.entries(documents).map(([key, text]) => [key, lineLengths(text)]));
  let checked = 0;
  const linesOf = (target: string): number[] => {
    const lines = lengths.get(target);
    assert.ok(lines, `${what}: names a document that is not open: ${target}`);
    return lines;
  };
  const position = (lines: number[], at: Position, where: string): void => {
    assert.ok(
      Number.isInteger(at.line) && at.line >= 0 && at.line < lines.length,
      `${where}: line ${at.line} outside 0..${lines.length - 1}`,
    );
    assert.ok(
      Number.isInteger(at.character) && at.character >= 0 && at.character <= lines[at.line],
      `${where}: character ${at.character} outside 0..${lines[at.line]} on line ${at.line}`,
    );
  };
  const visit = (value: unknown, target: string, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, target, `${where}[${i}]`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const here = typeof record.uri === 'string' && 'range' in record ? record.uri : target;
    if (typeof record.startLine === 'number' && typeof record.endLine === 'number') {
      const count = linesOf(here).length;
      assert.ok(
        record.startLine >= 0 && record.startLine <= record.endLine && record.endLine < count,
        `${where}: folding ${record.startLine}..${record.endLine} outside 0..${count - 1}`,
      );
      checked++;
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === 'changes' && child && typeof child === 'object' && !Array.isArray(child)) {
        for (const [editUri, edits] of Object.entries(child))
          visit(edits, editUri, `${where}.changes[${editUri}]`);
      } else if (isRange(child)) {
        const lines = linesOf(here);
        position(lines, child.start, `${what} ${where}.${key}.start`);
        position(lines, child.end, `${what} ${where}.${key}.end`);
        const { start, end } = child;
        assert.ok(
          start.line < end.line || (start.line === end.line && start.character <= end.character),
          `${what} ${where}.${key}: start ${start.line}:${start.character} after end ${end.line}:${end.character}`,
        );
        checked++;
      } else visit(child, here, `${where}.${key}`);
    }
  };
  visit(answer, uri, 'answer');
  return checked;
}
