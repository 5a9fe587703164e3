// Named hostile inputs: the parser survives each, its cost grows linearly (10x input <= 25x cost) and memory stays bounded.
// The bound tells linear from quadratic (a quadratic scan measures ~100x), not fast from slow: CPU time on a
// busy 2-core machine swings, and 12x failed once at 13.0x under load.
import * as assert from 'node:assert/strict';
import { parseMakefile } from '../../engine/parser/parser';
import { requiredGc } from './support/garbage';
import { tally } from './support/tally';
import { costRatio, TENFOLD_LINEAR_BOUND as LINEAR_BOUND } from './support/workRatio';
import { HOSTILE_SHAPES as SHAPES, binary } from '../shared/hostileShapes';

describe('hardening: parser scaling on named hostile inputs', () => {
  it('the measure has teeth: a quadratic scan of the same inputs fails the 25x bound', () => {
    // Each line looks back over every earlier line: the kind of bug the bound is there to catch.
    const quadratic = (text: string): number => {
      let found = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', end + 1))
        found += text.lastIndexOf('x', end) >= 0 ? text.slice(0, end).split('\n').length : 0;
      return found;
    };
    const small = 'A = x\n'.repeat(150);
    const large = 'A = x\n'.repeat(1500);
    const result = costRatio(
      () => quadratic(small),
      () => quadratic(large),
      LINEAR_BOUND,
      5,
    );
    assert.ok(result.ratio > LINEAR_BOUND, `a quadratic scan measured ${result.ratio.toFixed(1)}x`);
  });

  for (const [name, [n, generate]] of Object.entries(SHAPES)) {
    it(`${name}: no throw, 10x input costs at most 25x`, () => {
      const small = generate(n);
      const large = generate(10 * n);
      const result = costRatio(
        () => parseMakefile(small),
        () => parseMakefile(large),
        LINEAR_BOUND,
      );
      tally('parser scaling inputs', 2 * result.samples + 2);
      if (process.env.MAKESCOPE_SCALING_DEBUG) console.log(name, small.length, JSON.stringify(result));
      assert.ok(
        result.ratio <= LINEAR_BOUND,
        `${large.length} chars cost ${result.ratio.toFixed(1)}x ${small.length} chars ` +
          `(${result.largeMs.toFixed(1)} ms vs ${result.smallMs.toFixed(1)} ms CPU, min of ${result.samples})`,
      );
    });
  }

  it('the cases of the issue at full size: 10,000-deep $(, 1 MB line, 100,000 targets, 200,000 continuations', () => {
    /** Each case with what a user would see: its statements (type and what they name). */
    const shape = (text: string): string[] =>
      parseMakefile(text).statements.map((statement) =>
        statement.type === 'rule'
          ? `rule ${statement.targets.length} targets, first ${statement.targets[0]?.text.slice(0, 12)}, ` +
            `${statement.prerequisites.length} prerequisites`
          : statement.type === 'assignment'
            ? `assignment ${statement.name.text}${statement.define ? ' (define)' : ''}`
            : statement.type,
      );
    const targets = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    const cases: Array<[text: string, statements: string[] | undefined]> = [
      [`A = ${'$('.repeat(10_000)}x${')'.repeat(10_000)}\n`, ['assignment A']],
      [`${'$('.repeat(10_000)}: x\n`, ['unknown']],
      [`all: ${'x'.repeat(1 << 20)}\n`, ['rule 1 targets, first all, 1 prerequisites']],
      [`${targets.join(' ')}: p\n`, ['rule 100000 targets, first t0, 1 prerequisites']],
      [
        targets.map((target) => `${target}: p\n`).join(''),
        targets.map((target) => `rule 1 targets, first ${target}, 1 prerequisites`),
      ],
      [`A = ${'a \\\n'.repeat(200_000)}y\n`, ['assignment A']],
      ['define X\n'.repeat(3) + 'body\r'.repeat(10_000), ['assignment X (define)']],
      // Random bytes: no statement list to expect, only the line count.
      [binary(1 << 20), undefined],
    ];
    for (const [text, statements] of cases) {
      const parsed = parseMakefile(text);
      assert.equal(parsed.lineCount, text.split(/\r\n|\r|\n/).length, 'one line per LF, CRLF or CR');
      if (statements) assert.deepEqual(shape(text), statements);
    }
    tally('parser scaling inputs', cases.length);
  });

  it('memory stays bounded: what a parse keeps grows with the input, not faster', () => {
    const gc = requiredGc();
    const retained = (text: string): number => {
      gc();
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = parseMakefile(text);
      gc();
      gc();
      const after = process.memoryUsage().heapUsed;
      assert.ok(kept.lineCount > 0);
      return after - before;
    };
    // The worst shape for memory: every two characters make a reference with two ranges.
    const unit = 'A = $(B) $(C)\nt: $(D)\n\t$(E)\n';
    const small = retained(unit.repeat(5_000));
    const large = retained(unit.repeat(50_000));
    const perChar = large / (unit.length * 50_000);
    assert.ok(large <= 12 * Math.max(small, 1 << 20), `10x input kept ${(large / small).toFixed(1)}x memory`);
    assert.ok(perChar < 400, `${perChar.toFixed(0)} bytes kept per input character`);
    tally('parser scaling inputs', 2);
  });
});
