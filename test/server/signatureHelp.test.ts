// Signature help for make's functions over a real stdio session: the argument shown active is the one make itself puts the cursor's text in.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SignatureHelp } from 'vscode-languageserver-protocol';
import { LspSession } from './lspSession';
import { openScratchMakefile, runMake, withCursor } from './support/scratchMakefile';

interface Case {
  /** A makefile with `|` where the cursor is. */
  makefile: string;
  /** The call around the cursor as written in `makefile`, marker included. */
  call: string;
  /** True when the call is not closed yet (the user is typing it). */
  unterminated?: boolean;
}

const CASES: Case[] = [
  { makefile: 'X := $(patsubst %.c,%.o|,$(SRCS))', call: '$(patsubst %.c,%.o|,$(SRCS))' },
  { makefile: 'X := $(patsubst %.c,|', call: '$(patsubst %.c,|', unterminated: true },
  {
    makefile: 'X := $(patsubst %.c,%.o,$(subst a,b,c) |)',
    call: '$(patsubst %.c,%.o,$(subst a,b,c) |)',
  },
  { makefile: 'X := $(if $(Y),(a,b) |,c)', call: '$(if $(Y),(a,b) |,c)' },
  { makefile: 'X := $(intcmp 1,{a,b} |)', call: '$(intcmp 1,{a,b} |)' },
  { makefile: 'X := ${intcmp 1,$(or a,b),|}', call: '${intcmp 1,$(or a,b),|}' },
  { makefile: 'X := $(if a,$(subst x,y,|z))', call: '$(subst x,y,|z)' },
  { makefile: 'X := $(if a,$(word 1,x y)|)', call: '$(if a,$(word 1,x y)|)' },
  { makefile: 'X := $(call F,a,b,|)', call: '$(call F,a,b,|)' },
  { makefile: 'X := $(info a,b|)', call: '$(info a,b|)' },
  { makefile: 'X := $(if ,x,y,z|)', call: '$(if ,x,y,z|)' },
  { makefile: 'X := $(patsubst %.c,\\\n  %.o,|$(SRCS))', call: '$(patsubst %.c,\\\n  %.o,|$(SRCS))' },
];

/** GNU make's maximum argument count per function used above (the manual; 0: no maximum). */
const MAXIMUM: Record<string, number> = { patsubst: 3, if: 3, intcmp: 5, subst: 3, call: 0, info: 1 };

/** The 0-based argument make puts the marker in, splitting the call with `call` (same rules, no maximum). */
async function makeSplit(testCase: Case): Promise<{ name: string; argument: number }> {
  const match = /^([$][({])([a-z-]+)\s/.exec(testCase.call);
  assert.ok(match, `a call: ${testCase.call}`);
  const [head, open, name] = match;
  const close = open === '$(' ? ')' : '}';
  // make splits at commas and parentheses only, whatever `$` does, so escaping `$` keeps the split and shows it raw.
  const args = testCase.call.slice(head.length).replace('|', 'MARK').replace(/\$/g, '$$$$');
  const folder = await mkdtemp(path.join(tmpdir(), 'makescope-split-'));
  try {
    const show = [1, 2, 3, 4, 5, 6].map((n) => `<${n}=$(value ${n})>`).join('');
    const probe = `show = ${show}\n$(info @@${open}call show,${args}${testCase.unterminated ? close : ''}@@)\nall:;@:\n`;
    await writeFile(path.join(folder, 'Makefile'), probe);
    const made = runMake(folder, ['-s']);
    assert.equal(made.status, 0, `make read the probe:\n${probe}\n${made.stderr}`);
    const shown = /@@(.*)@@/.exec(made.stdout)?.[1] ?? '';
    const parts = [...shown.matchAll(/<(\d)=([^>]*)>/g)];
    const holder = parts.find((part) => part[2].includes('MARK'));
    assert.ok(holder, `make's split holds the marker: ${shown}`);
    return { name, argument: Number(holder[1]) - 1 };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe('signature help for make functions', function () {
  this.timeout(60_000);

  it('is announced with ( , and space as trigger characters', async () => {
    const { session, result } = await LspSession.start();
    try {
      assert.deepEqual(result.capabilities.signatureHelpProvider?.triggerCharacters, ['(', ',', ' ']);
    } finally {
      await session.shutdown();
    }
  });

  for (const testCase of CASES) {
    it(`shows the argument make splits off in ${JSON.stringify(testCase.makefile)}`, async () => {
      assert.ok(testCase.makefile.includes(testCase.call));
      const { name, argument } = await makeSplit(testCase);
      const maximum = MAXIMUM[name];
      const { text, position } = withCursor(testCase.makefile);
      const scratch = await openScratchMakefile(text);
      try {
        const help = await scratch.session.request<SignatureHelp | null>('textDocument/signatureHelp', {
          textDocument: { uri: scratch.uri },
          position,
        });
        assert.ok(help, 'signature help is shown');
        const signature = help.signatures[help.activeSignature ?? 0];
        assert.ok(signature.label.startsWith(`$(${name} `), `the signature of ${name}: ${signature.label}`);
        const last = (signature.parameters?.length ?? 1) - 1;
        const expected = Math.min(maximum === 0 ? argument : Math.min(argument, maximum - 1), last);
        assert.equal(help.activeParameter, expected, `make puts the cursor in argument ${argument + 1}`);
      } finally {
        await scratch.close();
      }
    });
  }

  it("gives the last argument every comma after the function's maximum, as make does", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'makescope-split-'));
    try {
      await writeFile(path.join(folder, 'Makefile'), '$(info @@$(if ,x,y,zMARK)@@)\nall:;@:\n');
      assert.equal(runMake(folder, ['-s']).stdout, '@@y,zMARK@@\n', 'else-part keeps the comma');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const { text, position } = withCursor('X := $(if ,x,y,z|)');
    const scratch = await openScratchMakefile(text);
    try {
      const help = await scratch.session.request<SignatureHelp>('textDocument/signatureHelp', {
        textDocument: { uri: scratch.uri },
        position,
      });
      const signature = help.signatures[0];
      assert.equal(signature.label, '$(if condition,then-part[,else-part])');
      const [start, end] = signature.parameters?.[help.activeParameter ?? 0].label as [number, number];
      assert.equal(signature.label.slice(start, end), 'else-part');
    } finally {
      await scratch.close();
    }
  });

  it('shows nothing after the call is closed or outside any call', async () => {
    for (const marked of ['X := $(word 1,a b)|', 'X := a|b', 'all: ; echo $(CC|)']) {
      const { text, position } = withCursor(marked);
      const scratch = await openScratchMakefile(text);
      try {
        const help = await scratch.session.request<SignatureHelp | null>('textDocument/signatureHelp', {
          textDocument: { uri: scratch.uri },
          position,
        });
        assert.equal(help, null, marked);
      } finally {
        await scratch.close();
      }
    }
  });
});
