// fast-check arbitrary for small Makefile projects: sources, outputs, sub-makes, generated includes, parse-time shells.
import fc from 'fast-check';

export interface ProjectSpec {
  /** Relative path -> content; `mode` 0o755 for the entries listed in `executables`. */
  files: Record<string, string>;
  executables: string[];
  symlinks: Record<string, string>;
  /** Goals worth asking for. */
  targets: string[];
  /** Minutes before now for each file (outputs older or newer than sources). */
  ages: Record<string, number>;
}

/** Lines that write somewhere, each in a form make runs even under -n, -q or -p (or only in a build). */
const WRITERS = [
  'X := $(shell touch parse-stamp)',
  'X != echo hi > parse-out',
  '$(file >file-out,written by $$(file))',
  'LIST := $(shell find . -name "*.tmp" -delete)',
  'X := $(shell command rm -f src/a.c.bak)',
  'SORTED := $(shell sort -o sorted.txt src/a.c)',
  'SHELL := ./logging-shell\nY := $(shell echo read-only)',
  'include gen.mk\ngen.mk: ; echo "G = 1" > $@',
  '-include deps/a.d\ndeps/a.d: src/a.c | deps ; echo "a.o: src/a.c" > $@\ndeps: ; mkdir -p $@',
  'all: plus-stamp\nplus-stamp: ; +touch $@',
  'all: sub\nsub: ; $(MAKE) -C sub',
  'SUBMAKE = $(MAKE) -C sub\nall: viavar\nviavar: ; $(SUBMAKE)',
  'all: recipe-shell\nrecipe-shell: ; @echo $(shell touch recipe-stamp)',
  '.SECONDEXPANSION:\nall: $$(shell touch second-stamp)',
];

const BASE = [
  'CC = cp',
  'all: app',
  'app: a.o b.o ; cat a.o b.o > $@',
  '%.o: src/%.c ; $(CC) $< $@',
  '.PHONY: all clean',
  'clean: ; rm -f app *.o',
];

export const project: fc.Arbitrary<ProjectSpec> = fc
  .record({
    writers: fc.subarray(WRITERS, { maxLength: 3 }),
    built: fc.constantFrom('none', 'some', 'all'),
    stale: fc.boolean(),
    extra: fc.array(fc.constantFrom('notes.tmp', 'data/x.txt', 'a b.txt', '-dash', 'src/a.c.bak'), {
      maxLength: 3,
    }),
    link: fc.boolean(),
  })
  .map(({ writers, built, stale, extra, link }) => {
    const files: Record<string, string> = {
      Makefile: [...BASE, ...writers].join('\n') + '\n',
      'src/a.c': 'int a;\n',
      'src/b.c': 'int b;\n',
      'sub/Makefile': 'all: ; @echo sub\n',
      'sorted.txt': 'old\n',
      'logging-shell': '#!/bin/sh\necho "$@" >> shell.log\nexec /bin/sh "$@"\n',
    };
    const ages: Record<string, number> = { 'src/a.c': 50, 'src/b.c': 50 };
    if (built !== 'none') {
      files['a.o'] = 'int a;\n';
      ages['a.o'] = stale ? 60 : 40;
    }
    if (built === 'all') {
      files['b.o'] = 'int b;\n';
      files.app = 'int a;\nint b;\n';
      ages['b.o'] = 40;
      ages.app = 30;
    }
    for (const name of extra) files[name] = `${name}\n`;
    return {
      files,
      executables: ['logging-shell'],
      symlinks: (link ? { 'link-to-a.c': 'src/a.c' } : {}) as Record<string, string>,
      targets: ['all', 'app', 'a.o', 'clean', 'sub', 'plus-stamp'],
      ages,
    };
  });
