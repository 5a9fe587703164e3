// Conditionals: every quoting form, else chains, nesting, and the problems make would report.
import * as assert from 'node:assert/strict';
import { assignments, at, conditionals, parseMakefile, problemCodes, single } from './parseHelpers';

describe('parser: conditionals', () => {
  it('parses ifeq (a,b) with operands, condition and ranges, and nests the body', () => {
    const text = 'ifeq ($(CC),gcc)\nX = 1\nendif\n';
    const file = parseMakefile(text);
    const cond = single(file.statements);
    assert.equal(cond.type, 'conditional');
    if (cond.type !== 'conditional') return;
    const branch = single(cond.branches);
    assert.equal(branch.kind, 'ifeq');
    assert.equal(branch.condition?.text, '($(CC),gcc)');
    assert.equal(at(branch.condition?.range ?? branch.range), '0:5-0:16');
    assert.deepEqual(
      branch.operands?.map((o) => [o.text, at(o.range)]),
      [
        ['$(CC)', '0:6-0:11'],
        ['gcc', '0:12-0:15'],
      ],
    );
    assert.equal(at(branch.keywordRange), '0:0-0:16');
    assert.equal(single(branch.body).type, 'assignment');
    assert.equal(at(branch.range), '0:0-1:5');
    assert.equal(at(cond.endifRange ?? cond.range), '2:0-2:5');
    assert.equal(at(cond.range), '0:0-2:5');
    assert.equal(file.references[0].context, 'condition');
  });

  it('removes quotes in every quoting form, mixed ones included', () => {
    const text = 'ifeq "a b" \'c\'\nendif\nifneq \'x\' "y"\nendif\nifeq "1" "1"\nendif\n';
    const list = conditionals(parseMakefile(text));
    assert.deepEqual(
      list.map((c) => c.branches[0].operands?.map((o) => o.text)),
      [
        ['a b', 'c'],
        ['x', 'y'],
        ['1', '1'],
      ],
    );
    assert.equal(at(list[0].branches[0].operands?.[0].range ?? list[0].range), '0:6-0:9');
    assert.equal(at(list[0].branches[0].operands?.[1].range ?? list[0].range), '0:12-0:13');
  });

  it('keeps blanks the way make compares them in the parenthesised form', () => {
    const cond = single(conditionals(parseMakefile('ifeq ( a , b )\nendif\n')));
    // make keeps the blank before the first operand and after the second, and drops the others.
    assert.deepEqual(
      cond.branches[0].operands?.map((o) => o.text),
      [' a', 'b '],
    );
  });

  it('balances parentheses inside the operands', () => {
    const cond = single(conditionals(parseMakefile('ifeq ($(filter a,$(X)),$(call f,(x)))\nendif\n')));
    assert.deepEqual(
      cond.branches[0].operands?.map((o) => o.text),
      ['$(filter a,$(X))', '$(call f,(x))'],
    );
  });

  it('parses ifdef/ifndef with the variable name as the condition', () => {
    const list = conditionals(parseMakefile('ifdef DEBUG\nendif\nifndef $(NAME)_DIR\nendif\n'));
    assert.equal(list[0].branches[0].kind, 'ifdef');
    assert.equal(list[0].branches[0].condition?.text, 'DEBUG');
    assert.equal(at(list[0].branches[0].condition?.range ?? list[0].range), '0:6-0:11');
    assert.equal(list[1].branches[0].kind, 'ifndef');
    assert.equal(list[1].branches[0].condition?.text, '$(NAME)_DIR');
    assert.equal(list[0].branches[0].operands, undefined);
  });

  it('chains else ifeq ... else branches with their own ranges and bodies', () => {
    const text = 'ifdef A\nX = a\nelse ifeq ($(B),1)\nX = b\nelse ifndef C\nX = c\nelse\nX = d\nendif\n';
    const cond = single(conditionals(parseMakefile(text)));
    assert.deepEqual(
      cond.branches.map((b) => [b.kind, b.condition?.text, b.body.length]),
      [
        ['ifdef', 'A', 1],
        ['ifeq', '($(B),1)', 1],
        ['ifndef', 'C', 1],
        [undefined, undefined, 1],
      ],
    );
    assert.deepEqual(
      cond.branches.map((b) => at(b.keywordRange)),
      ['0:0-0:7', '2:0-2:18', '4:0-4:13', '6:0-6:4'],
    );
    assert.deepEqual(
      cond.branches.map((b) => at(b.range)),
      ['0:0-1:5', '2:0-3:5', '4:0-5:5', '6:0-7:5'],
    );
  });

  it('nests conditionals, allowing indentation and comments on directive lines', () => {
    const text = 'ifdef A\n  ifdef B # inner\n    X = 1\n  endif\nendif # outer\n';
    const file = parseMakefile(text);
    const outer = single(file.statements);
    assert.ok(outer.type === 'conditional');
    const inner = single(outer.branches[0].body);
    assert.ok(inner.type === 'conditional');
    assert.equal(single(inner.branches[0].body).type, 'assignment');
    assert.equal(at(inner.range), '1:2-3:7');
    assert.equal(file.comments.length, 2);
    assert.deepEqual(problemCodes(file), []);
  });

  it('requires a blank after the keyword, as make does', () => {
    const file = parseMakefile('ifeq(a,a)\nendif\n');
    assert.deepEqual(problemCodes(file), ['missing-separator', 'endif-without-if']);
  });

  it('reports else and endif without an if', () => {
    const file = parseMakefile('else\nendif\n');
    assert.deepEqual(problemCodes(file), ['else-without-if', 'endif-without-if']);
    assert.equal(at(file.problems[1].range), '1:0-1:5');
  });

  it('reports an unterminated conditional at its if and runs it to the end of the file', () => {
    const file = parseMakefile('A = 0\nifdef X\n  ifeq (a,b)\nY = 1\n');
    assert.deepEqual(problemCodes(file), ['unterminated-conditional', 'unterminated-conditional']);
    assert.deepEqual(file.problems.map((p) => at(p.range)).sort(), ['1:0-1:7', '2:2-2:12']);
    const outer = conditionals(file)[0];
    assert.equal(outer.endifRange, undefined);
    assert.equal(at(outer.range), '1:0-4:0');
    assert.equal(assignments(file).length, 2);
  });

  it('reports invalid syntax, extraneous text and a second else', () => {
    const file = parseMakefile('ifeq (a\nendif\nifdef\nendif\nifeq (a,b) junk\nelse\nelse\nendif extra\n');
    assert.deepEqual(problemCodes(file), [
      'bad-conditional',
      'bad-conditional',
      'bad-conditional',
      'bad-conditional',
      'bad-conditional',
    ]);
    assert.deepEqual(
      file.problems.map((p) => p.severity),
      ['error', 'error', 'warning', 'error', 'warning'],
    );
  });
});
