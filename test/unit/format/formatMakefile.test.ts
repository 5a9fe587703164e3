// The formatter's conventions, and the lines it must leave byte for byte because make reads their whitespace.
import * as assert from 'node:assert/strict';
import { applyEdits, formatEdits, formatMakefile } from '../../../engine/format/formatMakefile';

const lines = (...text: string[]): string => text.join('\n') + '\n';

describe('formatMakefile', () => {
  it('puts one space around assignment operators and keeps the value as written', () => {
    assert.equal(
      formatMakefile(lines('A=b', 'B   :=   c d', 'C?=', 'D+=x', 'E!=echo hi', 'F::=y', '  G=indented')),
      lines('A = b', 'B := c d', 'C ?=', 'D += x', 'E != echo hi', 'F ::= y', '  G = indented'),
    );
  });

  it('keeps the blanks before a comment: they are part of the value', () => {
    assert.equal(formatMakefile(lines('A=b   # c')), lines('A = b   # c'));
    assert.equal(formatMakefile(lines('A = b   ')), lines('A = b   '));
  });

  it('spaces rule headers as "targets: prerequisites"', () => {
    assert.equal(
      formatMakefile(lines('all : a b   ', 'x::y', 'g1 g2 &:src', '%.o :%.c', 'o: | dir')),
      lines('all: a b', 'x:: y', 'g1 g2 &: src', '%.o: %.c', 'o: | dir'),
    );
  });

  it('keeps a no-break space or form feed next to a prerequisite: make reads it as part of the name', () => {
    assert.equal(
      formatMakefile(lines('all: a\u00a0', 'b:\u00a0 c', 'd: e\f')),
      lines('all: a\u00a0', 'b: \u00a0 c', 'd: e\f'),
    );
  });

  it('leaves recipes byte for byte, tab-only recipe lines included', () => {
    const text = lines('all:', '\techo  a   ', '\t', '\t  @echo b \\', '\t  c   ');
    assert.equal(formatMakefile(text), text);
  });

  it('leaves define bodies, modifiers, target-specific variables, directives and inline recipes alone', () => {
    const text = lines(
      'define F',
      '  x  =  y',
      '',
      '',
      'endef',
      'export E=1',
      'override O=1',
      'debug: CFLAGS+=-g',
      'ifeq ($(A),b)  ',
      'endif',
      'x:y;echo  hi',
      'include   a.mk',
    );
    assert.equal(formatMakefile(text), text);
  });

  it('puts one blank before a continuation backslash, but not after $ where the spacing is meaning', () => {
    assert.equal(formatMakefile(lines('A=a   \\', '\tb\\', '  c')), lines('A = a \\', '\tb \\', '  c'));
    const joined = lines('A = a$\\', '  b');
    assert.equal(formatMakefile(joined), joined);
  });

  it('leaves continuation spacing alone under .POSIX', () => {
    const text = lines('.POSIX:', 'A = a   \\', '  b');
    assert.equal(formatMakefile(text), text);
  });

  it('spaces comments, keeps #! and ##, and never turns a comment into a continued one', () => {
    assert.equal(formatMakefile(lines('#x', '##y', '#!z', '# w   ')), lines('# x', '##y', '#!z', '# w'));
    const continued = lines('# a \\ ', 'B=1');
    assert.equal(formatMakefile(continued), lines('# a \\ ', 'B = 1'));
  });

  it('keeps at most one blank line, none at the ends, and ends with one newline', () => {
    assert.equal(formatMakefile('\n\nA = 1\n\n\n\nB = 2\n\n\n'), 'A = 1\n\nB = 2\n');
    assert.equal(formatMakefile('A = 1'), 'A = 1\n');
    assert.equal(formatMakefile('A = 1\r\n\r\n\r\nB = 2'), 'A = 1\r\n\r\nB = 2\r\n');
  });

  it('leaves a file alone when it sets .RECIPEPREFIX or make could not read it', () => {
    const prefix = lines('.RECIPEPREFIX = >', 'all :', '>echo', 'A=1');
    assert.equal(formatMakefile(prefix), prefix);
    const broken = lines('A=1', 'this is not make');
    assert.equal(formatMakefile(broken), broken);
  });

  it('is idempotent', () => {
    const messy = lines('A=a   \\', '  b', '', '', '#c', 'all : x', '\techo', '', '', 'x:;@true');
    const once = formatMakefile(messy);
    assert.equal(formatMakefile(once), once);
  });

  it('formats only the lines of a range', () => {
    const text = lines('A=1', 'B=2', 'C=3');
    const edits = formatEdits(text, { span: { first: 1, last: 1 } });
    assert.equal(applyEdits(text, edits), lines('A=1', 'B = 2', 'C=3'));
  });
});
