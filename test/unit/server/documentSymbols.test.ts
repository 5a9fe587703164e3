// The outline a user sees for a Makefile: targets, variables, define blocks, includes, conditional nesting.
import * as assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { documentSymbols } from '../../../server/src/features/documentSymbols';
import { parseMakefile } from '../../../engine/parser/parser';

const MAKEFILE = [
  'include mk/common.mk mk/rules.mk',
  'SRCS := main.c util.c',
  'OBJS = $(SRCS:.c=.o)',
  'ifeq ($(CONFIG_FAST),y)',
  'CFLAGS += -O3',
  'else ifdef DEBUG',
  'CFLAGS += -g',
  'ifneq ($(SANITIZE),)',
  'LDFLAGS += -fsanitize=address',
  'endif',
  'else',
  'CFLAGS += -O2',
  'endif',
  'define BANNER',
  '@echo building',
  'endef',
  '.PHONY: all clean',
  'all: app',
  'app: $(OBJS) | build',
  '\t$(BANNER)',
  '\t$(CC) -o $@ $^',
  '$(OBJS): CFLAGS += -DAPP',
  '%.o: %.c',
  '\t$(CC) $(CFLAGS) -c -o $@ $<',
  'clean:',
  '\trm -f app $(OBJS)',
  '',
].join('\n');

const KIND_NAMES = new Map<SymbolKind, string>(
  Object.entries(SymbolKind).map(([name, kind]) => [kind as SymbolKind, name]),
);

/** One line per symbol as the outline shows it: indentation for nesting, name, kind, detail, lines. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [
    `${'  '.repeat(depth)}${symbol.name} [${KIND_NAMES.get(symbol.kind)}]` +
      `${symbol.detail === undefined ? '' : ` ${JSON.stringify(symbol.detail)}`}` +
      ` ${symbol.range.start.line}-${symbol.range.end.line}`,
    ...outline(symbol.children ?? [], depth + 1),
  ]);
}

describe('document symbols (the outline)', () => {
  it('lists includes, variables, defines and rules, nested under the conditional branches', () => {
    assert.deepEqual(outline(documentSymbols(parseMakefile(MAKEFILE))), [
      'mk/common.mk [File] "include" 0-0',
      'mk/rules.mk [File] "include" 0-0',
      'SRCS [Variable] ":=" 1-1',
      'OBJS [Variable] "=" 2-2',
      'ifeq ($(CONFIG_FAST),y) [Namespace] 3-4',
      '  CFLAGS [Variable] "+=" 4-4',
      'ifdef DEBUG [Namespace] 5-9',
      '  CFLAGS [Variable] "+=" 6-6',
      '  ifneq ($(SANITIZE),) [Namespace] 7-8',
      '    LDFLAGS [Variable] "+=" 8-8',
      'else [Namespace] 10-11',
      '  CFLAGS [Variable] "+=" 11-11',
      'BANNER [Constant] "=" 13-15',
      '.PHONY [Function] "all clean" 16-16',
      'all [Function] "app" 17-17',
      'app [Function] "$(OBJS)" 18-20',
      'CFLAGS [Variable] "$(OBJS): +=" 21-21',
      '%.o [Class] "%.c" 22-23',
      'clean [Function] 24-25',
    ]);
  });

  it('selects the name of each symbol, and gives no detail to a rule without prerequisites', () => {
    const symbols = documentSymbols(parseMakefile('clean:\n\trm -f app\nBANNER = x\n'));
    assert.deepEqual(
      symbols.map((s) => [s.name, s.selectionRange, 'detail' in s]),
      [
        ['clean', { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, false],
        ['BANNER', { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } }, true],
      ],
    );
  });

  it('answers one outline per parse (what the server sends pre-serialized), a new one for a new parse', () => {
    const parsed = parseMakefile(MAKEFILE);
    assert.equal(documentSymbols(parsed), documentSymbols(parsed));
    const edited = parseMakefile(MAKEFILE.replace('clean:', 'distclean:'));
    assert.notEqual(documentSymbols(edited), documentSymbols(parsed));
    assert.ok(documentSymbols(edited).some((s) => s.name === 'distclean'));
  });
});
