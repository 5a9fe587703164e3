// The parser never throws, keeps ranges inside the text, and stays linear on hostile input.
import * as assert from 'node:assert/strict';
import type { ParsedMakefile, Range, Statement } from '../../../engine/parser/ast';
import { allStatements, parseMakefile } from './parseHelpers';
import { MAKE_SPECIAL_CHARACTERS } from '../../shared/makeCharacters';
import { replayHint, SEED } from '../../shared/seed';
import { seededRandom } from '../../shared/seededRandom';

function checkRanges(text: string, file: ParsedMakefile): void {
  const lengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
  assert.equal(file.lineCount, lengths.length);
  const inside = (range: Range): void => {
    for (const p of [range.start, range.end]) {
      assert.ok(p.line >= 0 && p.line < lengths.length, `line ${p.line} out of bounds`);
      assert.ok(p.character >= 0 && p.character <= lengths[p.line], `character ${p.character} out of line`);
    }
    const ordered =
      range.start.line < range.end.line ||
      (range.start.line === range.end.line && range.start.character <= range.end.character);
    assert.ok(ordered, 'range ends before it starts');
  };
  for (const statement of allStatements(file.statements)) inside(statement.range);
  for (const reference of file.references) {
    inside(reference.range);
    inside(reference.nameRange);
  }
  for (const problem of file.problems) inside(problem.range);
  for (const comment of file.comments) inside(comment.range);
}

const ALPHABET = [...MAKE_SPECIAL_CHARACTERS, ',', '"', "'"];
const WORDS = [
  'ifeq',
  'ifdef',
  'else',
  'endif',
  'define',
  'endef',
  'include',
  'export',
  'override',
  'vpath',
  '&:',
];

describe('parser: robustness', () => {
  it('never throws on random bytes and keeps every range inside the text', () => {
    for (let seed = SEED; seed < SEED + 300; seed++) {
      const next = seededRandom(seed);
      const parts: string[] = [];
      const length = Math.floor(next() * 400);
      for (let i = 0; i < length; i++) {
        const roll = next();
        if (roll < 0.5) parts.push(ALPHABET[Math.floor(next() * ALPHABET.length)]);
        else if (roll < 0.6) parts.push(WORDS[Math.floor(next() * WORDS.length)]);
        else parts.push(String.fromCharCode(Math.floor(next() * 0x3000)));
      }
      const text = parts.join('');
      try {
        checkRanges(text, parseMakefile(text));
      } catch (error) {
        throw new Error(
          `case seed ${seed} (${replayHint()}): ${(error as Error).message}\n${JSON.stringify(text)}`,
        );
      }
    }
  });

  it('handles 10,000 nested references, closed or not, without recursion', () => {
    const depth = 10_000;
    const closed = parseMakefile(`A = ${'$('.repeat(depth)}x${')'.repeat(depth)}\n`);
    assert.equal(closed.references.length, depth);
    assert.equal(closed.references[depth - 1].name, 'x');
    assert.equal(closed.references[0].computed, true);
    const open = parseMakefile(`A = ${'${$(if a,'.repeat(depth)}\n`);
    assert.equal(open.references.length, 2 * depth);
    const target = parseMakefile(`${'$('.repeat(depth)}: x\n`);
    assert.equal(target.statements.length, 1);
  });

  it('survives an unterminated define, deep unterminated conditionals and stray endifs', () => {
    const define = parseMakefile('define X\n' + 'define Y\n'.repeat(1000));
    assert.deepEqual(
      define.problems.map((p) => p.code),
      ['unterminated-define'],
    );
    const ifs = parseMakefile('ifdef X\n'.repeat(1000) + 'endif\n'.repeat(1500));
    assert.equal(ifs.problems.filter((p) => p.code === 'endif-without-if').length, 500);
  });

  it('keeps the tree shallow under 10,000 nested conditionals, so recursive consumers do not overflow', () => {
    const depth = 10_000;
    const file = parseMakefile('ifdef X\n'.repeat(depth) + 'A = 1\n' + 'endif\n'.repeat(depth));
    assert.deepEqual(file.problems, []);
    let deepest = 0;
    const pending: [Statement[], number][] = [[file.statements, 1]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [statements, level] = next;
      deepest = Math.max(deepest, level);
      for (const s of statements)
        if (s.type === 'conditional') for (const b of s.branches) pending.push([b.body, level + 1]);
    }
    assert.ok(deepest <= 102, `tree depth ${deepest}`);
    assert.equal(allStatements(file.statements).filter((s) => s.type === 'assignment').length, 1);
  });

  it('parses a 1 MB single line, 200,000 continuation lines and 100,000 targets', () => {
    const long = parseMakefile(`all: ${'x '.repeat(500_000)}\n`);
    assert.equal(long.statements.length, 1);
    const continued = parseMakefile(`A = ${'$(x) \\\n'.repeat(200_000)}y\n`);
    assert.equal(continued.references.length, 200_000);
    assert.equal(continued.references[199_999].range.start.line, 199_999);
    const targets = parseMakefile(`${Array.from({ length: 100_000 }, (_, i) => `t${i}`).join(' ')}: p\n`);
    const rule = targets.statements[0];
    assert.ok(rule.type === 'rule');
    assert.equal(rule.targets.length, 100_000);
  });

  it('parses lines of a single repeated special character', () => {
    for (const c of ['$', '\\', '#', ':', ',', '(', '\r', '\t', '\0', '\\#', '$(', ';']) {
      const text = `A = ${c.repeat(20_000)}\n${c.repeat(20_000)}\n`;
      checkRanges(text, parseMakefile(text));
    }
  });

  it('grows its output in proportion to its input (linearity sanity check, no timing)', () => {
    const unit = [
      'OBJS-$(C) += a.o $(patsubst %.c,%.o,$(SRCS))',
      'ifeq ($(X),y)',
      'out/%.o: src/%.c | out',
      '\t@$(CC) $(CFLAGS) -c $< -o $@ \\',
      '\t  && echo done',
      'endif',
      'define T',
      '$(1): ; echo $$@',
      'endef',
      '',
    ].join('\n');
    const small = parseMakefile(unit.repeat(300));
    const large = parseMakefile(unit.repeat(3_000));
    assert.equal(large.statements.length, small.statements.length * 10);
    assert.equal(large.references.length, small.references.length * 10);
    assert.equal(large.lineCount - 1, (small.lineCount - 1) * 10);
    assert.deepEqual(large.problems, []);
  });
});
