// References: every form, nesting, function calls, substitution and computed references, contexts.
import * as assert from 'node:assert/strict';
import type { Reference } from '../../../engine/parser/ast';
import { at, parseMakefile, textAt } from './parseHelpers';

function refsOf(text: string): Reference[] {
  return parseMakefile(text).references;
}

describe('parser: references', () => {
  it('finds $(x), ${x} and $x with whole and name ranges, and skips $$', () => {
    const text = 'A = $(B) ${C} $D $$E $@\n';
    const refs = refsOf(text);
    assert.deepEqual(
      refs.map((r) => [r.name, at(r.range), at(r.nameRange)]),
      [
        ['B', '0:4-0:8', '0:6-0:7'],
        ['C', '0:9-0:13', '0:11-0:12'],
        ['D', '0:14-0:16', '0:15-0:16'],
        ['@', '0:21-0:23', '0:22-0:23'],
      ],
    );
    for (const r of refs) assert.equal(textAt(text, r.range).startsWith('$'), true);
  });

  it('parses function calls: name, args split on top-level commas, nested calls recorded too', () => {
    const text = 'OBJS = $(patsubst %.c,%.o,$(filter-out x.c,$(SRCS)))\n';
    const refs = refsOf(text);
    assert.deepEqual(
      refs.map((r) => [r.name, r.functionName, r.args?.map((a) => a.text)]),
      [
        ['patsubst', 'patsubst', ['%.c', '%.o', '$(filter-out x.c,$(SRCS))']],
        ['filter-out', 'filter-out', ['x.c', '$(SRCS)']],
        ['SRCS', undefined, undefined],
      ],
    );
    assert.equal(at(refs[0].nameRange), '0:9-0:17');
    assert.deepEqual(
      refs[0].args?.map((a) => at(a.range)),
      ['0:18-0:21', '0:22-0:25', '0:26-0:51'],
    );
  });

  it('keeps extra commas in the last argument of functions with a fixed arity', () => {
    const refs = refsOf('$(info a, b, c)\n$(if $(X),yes,no,more)\n$(call f,1,2,3)\n');
    assert.deepEqual(
      refs.filter((r) => r.functionName).map((r) => r.args?.map((a) => a.text)),
      [['a, b, c'], ['$(X)', 'yes', 'no,more'], ['f', '1', '2', '3']],
    );
  });

  it('needs a blank after a function name; otherwise it is a variable', () => {
    const refs = refsOf('A = $(info) $(foo bar) $(sort  b a)\n');
    assert.deepEqual(
      refs.map((r) => [r.name, r.functionName]),
      [
        ['info', undefined],
        ['foo bar', undefined],
        ['sort', 'sort'],
      ],
    );
    assert.equal(refs[2].args?.[0].text, 'b a');
  });

  it('knows every GNU make built-in function', () => {
    const names =
      'subst patsubst strip findstring filter filter-out sort word words wordlist firstword lastword dir notdir ' +
      'suffix basename addsuffix addprefix join wildcard realpath abspath if or and intcmp foreach file call ' +
      'value eval origin flavor error warning info shell guile let';
    const text = names
      .split(' ')
      .map((n) => `$(${n} x)`)
      .join(' ');
    const refs = refsOf(`A = ${text}\n`);
    assert.deepEqual(
      refs.map((r) => r.functionName),
      names.split(' '),
    );
  });

  it('marks substitution references and names them by the variable', () => {
    const refs = refsOf('A = $(SRCS:.c=.o) ${OBJ:%.o=%.d} $(X:y)\n');
    assert.deepEqual(
      refs.map((r) => [r.name, r.substitution, at(r.nameRange)]),
      [
        ['SRCS', true, '0:6-0:10'],
        ['OBJ', true, '0:20-0:23'],
        ['X:y', undefined, '0:35-0:38'],
      ],
    );
  });

  it('marks computed references and records the inner reference as well', () => {
    const refs = refsOf('A = $($(X)_FLAGS) $(FOO_$(Y):.c=.o)\n');
    assert.deepEqual(
      refs.map((r) => [r.name, r.computed, r.substitution]),
      [
        ['$(X)_FLAGS', true, undefined],
        ['X', undefined, undefined],
        ['FOO_$(Y)', true, true],
        ['Y', undefined, undefined],
      ],
    );
    assert.equal(at(refs[1].range), '0:6-0:10');
  });

  it('records references in source order with the context they appear in', () => {
    const text = [
      'V$(N) = $(VAL)',
      '$(T): $(P) | $(O)',
      '\techo $(R)',
      'ifeq ($(C),1)',
      'include $(I)',
      'endif',
      'export $(E)',
      'define D',
      '$(BODY)',
      'endef',
      '',
    ].join('\n');
    assert.deepEqual(
      refsOf(text).map((r) => [r.name, r.context]),
      [
        ['N', 'assignment-name'],
        ['VAL', 'assignment-value'],
        ['T', 'target'],
        ['P', 'prerequisite'],
        ['O', 'prerequisite'],
        ['R', 'recipe'],
        ['C', 'condition'],
        ['I', 'include'],
        ['E', 'directive'],
        ['BODY', 'assignment-value'],
      ],
    );
  });

  it('maps references on continued lines back to their own physical line', () => {
    const text = 'A = one \\\n    $(TWO) \\\n\t${THREE}\n';
    const refs = refsOf(text);
    assert.deepEqual(
      refs.map((r) => [r.name, at(r.range)]),
      [
        ['TWO', '1:4-1:10'],
        ['THREE', '2:1-2:9'],
      ],
    );
  });

  it('finds a reference that spans lines inside a define body', () => {
    const refs = refsOf('define X\n$(foreach a,$(L),\n  $(a))\nendef\n');
    assert.deepEqual(
      refs.map((r) => [r.name, at(r.range)]),
      [
        ['foreach', '1:0-2:7'],
        ['L', '1:12-1:16'],
        ['a', '2:2-2:6'],
      ],
    );
  });

  it('takes no reference from a $ at the end of a recipe or define line, whatever the line ending', () => {
    assert.deepEqual(refsOf('define a\r\n$\r\na = '), []);
    assert.deepEqual(refsOf('a:\r\n\techo $\r\nb:\n\techo $\n'), []);
  });

  it('runs an unterminated reference to the end of its line', () => {
    const refs = refsOf('A = $(B\nC = 1\n');
    assert.deepEqual(
      refs.map((r) => [r.name, at(r.range)]),
      [['B', '0:4-0:7']],
    );
  });

  it('counts plain parentheses of the reference kind, as make does', () => {
    const refs = refsOf('A = $(shell echo (x)) ${B}\n');
    assert.deepEqual(
      refs.map((r) => [r.name, r.args?.[0].text]),
      [
        ['shell', 'echo (x)'],
        ['B', undefined],
      ],
    );
  });
});
