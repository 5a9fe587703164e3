// Child ranges lie inside their statement's range, as LSP document symbols and folding require.
import * as assert from 'node:assert/strict';
import type { Range, Statement } from '../../../engine/parser/ast';
import { allStatements, at, parseMakefile } from './parseHelpers';

function inside(inner: Range, outer: Range, what: string): void {
  const before = (a: Range['start'], b: Range['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  assert.ok(
    before(outer.start, inner.start) && before(inner.end, outer.end),
    `${what} ${at(inner)} outside ${at(outer)}`,
  );
}

function children(statement: Statement): [Range, string][] {
  switch (statement.type) {
    case 'rule':
      return [
        [statement.headerRange, 'header'],
        ...[...statement.targets, ...statement.prerequisites, ...statement.orderOnly].map(
          (w): [Range, string] => [w.range, w.text],
        ),
        ...statement.recipe.map((r): [Range, string] => [r.range, r.text]),
      ];
    case 'assignment':
      return [
        [statement.name.range, 'name'],
        [statement.valueRange, 'value'],
        ...(statement.targets ?? []).map((w): [Range, string] => [w.range, w.text]),
      ];
    case 'conditional':
      return statement.branches.flatMap((b): [Range, string][] => [
        [b.range, 'branch'],
        [b.keywordRange, 'keyword'],
        ...b.body.map((s): [Range, string] => [s.range, `body ${s.type}`]),
      ]);
    case 'include':
      return statement.paths.map((w) => [w.range, w.text]);
    case 'vpath':
      return statement.directories.map((w) => [w.range, w.text]);
    case 'variable-directive':
      return statement.names.map((w) => [w.range, w.text]);
    case 'unknown':
      return [];
  }
}

describe('parser: range containment', () => {
  it('keeps every name, word, value, recipe line and branch inside its statement', () => {
    const text = [
      'CFLAGS := -O2 \\',
      '   -g   # trailing blanks are part of the value',
      'override define BODY =',
      '  line',
      'endef',
      'debug: CFLAGS += -g   ',
      'objs: %.o: %.c | dir',
      '\t$(CC) -c $< \\',
      '\t  -o $@',
      'ifeq ($(X),1)',
      'include a.mk b.mk',
      'else ifdef Y',
      'vpath %.c src:lib',
      'else',
      'export A B',
      'endif',
      'all: x ; @echo hi',
      '',
    ].join('\n');
    const file = parseMakefile(text);
    assert.deepEqual(file.problems, []);
    for (const statement of allStatements(file.statements)) {
      for (const [range, what] of children(statement))
        inside(range, statement.range, `${statement.type}: ${what}`);
    }
  });
});
