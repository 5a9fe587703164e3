// The parser reuses its buffers from one parse to the next (references, statements, conditional
// bodies, the pieces of continued lines): none of them may keep an earlier file's tree alive.
import { strict as assert } from 'node:assert';
import { parseMakefile } from '../../engine/parser/parser';
import { requiredGc } from './support/garbage';

const FIRST = [
  'SRCS := a.c \\',
  '\tb.c $(EXTRA)',
  'ifeq ($(CC),gcc)',
  'CFLAGS += -O2 $(OPT)',
  'endif',
  'all: $(SRCS:.c=.o)',
  '\t$(CC) -o $@ $^',
  '',
].join('\n');

/** Lets the current job end: V8 keeps a WeakRef's target alive until then. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Parses FIRST and keeps only weak references to parts of its tree. */
function watchFirstTree(): Record<string, WeakRef<object>> {
  const tree = parseMakefile(FIRST);
  assert.equal(tree.references.length, 7, 'the first file is parsed whole');
  const conditional = tree.statements.find((s) => s.type === 'conditional');
  assert.ok(conditional && conditional.type === 'conditional');
  return {
    reference: new WeakRef(tree.references[0]),
    lastReference: new WeakRef(tree.references[tree.references.length - 1]),
    statement: new WeakRef(tree.statements[0]),
    branchStatement: new WeakRef(conditional.branches[0].body[0]),
    lastStatement: new WeakRef(tree.statements[tree.statements.length - 1]),
  };
}

describe('hardening: the parser keeps nothing of a file once its tree is dropped', () => {
  it('a later parse holds no reference, statement or branch body of an earlier one', async () => {
    const watched = watchFirstTree();
    // The next parse is smaller, so a buffer not emptied would still hold the first file's items
    // past the second's.
    parseMakefile('x := 1\n');
    await nextTurn();
    requiredGc()();
    for (const [name, ref] of Object.entries(watched))
      assert.equal(ref.deref(), undefined, `the first file's ${name} is still alive after a second parse`);
  });
});
