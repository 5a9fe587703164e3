// Selection ranges over a real stdio session: each step outward, from the word to the whole document.
import * as assert from 'node:assert/strict';
import type { Range, SelectionRange } from 'vscode-languageserver-protocol';
import { openScratchMakefile, runMake, withCursor } from './support/scratchMakefile';

const MARKED = [
  'SRCS := a.c b.c',
  'ifeq ($(origin CC),default)',
  'app: $(patsubst %.c,%.o,$(SR|CS)) \\',
  '  extra.o',
  '\t$(CC) -o $@ $^',
  'endif',
  'all: app',
  '',
].join('\n');

function slice(text: string, range: Range): string {
  const lines = text.split('\n');
  const start = lines.slice(0, range.start.line).join('\n').length + (range.start.line > 0 ? 1 : 0);
  const end = lines.slice(0, range.end.line).join('\n').length + (range.end.line > 0 ? 1 : 0);
  return text.slice(start + range.start.character, end + range.end.character);
}

describe('selection ranges', function () {
  this.timeout(60_000);

  it('grows from a name to its reference, the call, the line, the rule, the conditional and the document', async () => {
    const { text, position } = withCursor(MARKED);
    const scratch = await openScratchMakefile(text);
    try {
      const [selection] = await scratch.session.request<SelectionRange[]>('textDocument/selectionRange', {
        textDocument: { uri: scratch.uri },
        positions: [position],
      });
      const steps: string[] = [];
      for (let step: SelectionRange | undefined = selection; step; step = step.parent)
        steps.push(slice(text, step.range));
      const lines = text.split('\n');
      assert.deepEqual(steps, [
        'SRCS',
        '$(SRCS)',
        '$(patsubst %.c,%.o,$(SRCS))',
        lines[2],
        `${lines[2]}\n${lines[3]}`,
        lines.slice(2, 5).join('\n'),
        lines.slice(1, 5).join('\n'),
        lines.slice(1, 6).join('\n'),
        text,
      ]);
      // The rule the fourth step selects is one rule to make: its header and the continued prerequisite.
      const database = runMake(scratch.folder, ['-pq', 'app']).stdout;
      assert.match(database, /^app: a\.o b\.o extra\.o$/m);
    } finally {
      await scratch.close();
    }
  });
});
