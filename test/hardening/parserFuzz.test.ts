// The parser under fast-check: random bytes and grammar-shaped Makefiles never throw and stay inside the text.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParsedMakefile, Range } from '../../engine/parser/ast';
import { parseMakefile } from '../../engine/parser/parser';
import { allStatements } from '../unit/parser/parseHelpers';
import { makefile } from './support/makefileArbitrary';
import { tally } from './support/tally';
import { MAKE_SPECIAL_CHARACTERS } from '../shared/makeCharacters';
import { SEED } from '../shared/seed';

const RUNS = 5000;

/** Every range lies inside the text and ends after it starts. */
function assertInside(text: string, file: ParsedMakefile): void {
  const lengths = text.split(/\r\n|\r|\n/).map((line) => line.length);
  assert.equal(file.lineCount, lengths.length, 'line count');
  const inside = (range: Range): void => {
    for (const p of [range.start, range.end]) {
      assert.ok(p.line >= 0 && p.line < lengths.length, `line ${p.line} outside the text`);
      assert.ok(p.character >= 0 && p.character <= lengths[p.line], `character ${p.character} outside line`);
    }
    const ordered =
      range.start.line < range.end.line ||
      (range.start.line === range.end.line && range.start.character <= range.end.character);
    assert.ok(ordered, 'range ends before it starts');
  };
  for (const statement of allStatements(file.statements)) inside(statement.range);
  for (const reference of file.references) inside(reference.range);
  for (const problem of file.problems) inside(problem.range);
}

const check = (text: string): void => assertInside(text, parseMakefile(text));

describe('hardening: parser fuzz (fast-check)', () => {
  it(`random bytes decoded as UTF-8 (invalid sequences, NUL) and as Latin-1: ${RUNS} + ${RUNS} cases`, () => {
    const bytes = fc.uint8Array({ maxLength: 600 });
    fc.assert(
      fc.property(bytes, (b) => check(Buffer.from(b).toString('utf8'))),
      { numRuns: RUNS, seed: SEED },
    );
    fc.assert(
      fc.property(bytes, (b) => check(Buffer.from(b).toString('latin1'))),
      { numRuns: RUNS, seed: SEED },
    );
    tally('parser fuzz cases (random bytes)', 2 * RUNS);
  });

  it(`random strings of make's special characters and full Unicode: ${RUNS} cases`, () => {
    const special = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...MAKE_SPECIAL_CHARACTERS, '\0'),
        fc.string({ unit: 'grapheme', maxLength: 1 }),
      ),
      maxLength: 500,
    });
    fc.assert(fc.property(special, check), { numRuns: RUNS, seed: SEED });
    tally('parser fuzz cases (special characters)', RUNS);
  });

  it(`grammar-shaped Makefiles (rules, every operator, define, conditionals, includes, CRLF): ${RUNS} cases`, () => {
    fc.assert(
      fc.property(makefile, (text) => {
        const parsed = parseMakefile(text);
        assertInside(text, parsed);
        // Deterministic: the same text gives the same tree (no hidden state between parses).
        assert.deepEqual(parseMakefile(text), parsed);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    tally('parser fuzz cases (grammar-shaped Makefiles)', RUNS);
  });
});
