// fast-check arbitrary for small Makefile projects: sources, outputs, sub-makes, generated includes, parse-time shells,
// absolute-path and `../` writers, symlinks leaving the tree, `load`, cmake and automake build-tree shapes.
import fc from 'fast-check';

/** Placeholders in file contents and link targets, replaced when the project is written out. */
export const PROJECT_DIR = '@PROJECT@';
/** A folder beside the project (`../outside`) that only absolute paths and links name. */
export const OUTSIDE_DIR = '@OUTSIDE@';

export interface ProjectSpec {
  /** Path relative to the project (`../` for its parent) -> content; mode 0o755 for `executables`. */
  files: Record<string, string>;
  executables: string[];
  symlinks: Record<string, string>;
  /** True when the Makefile writes at parse time: every make run over it must then be isolated or in a copy. */
  risky: boolean;
  /** Goals worth asking for. */
  targets: string[];
  /** Minutes before now for each file (outputs older or newer than sources). */
  ages: Record<string, number>;
}

/** Lines that write whenever make reads the makefile (-n, -q and -p included): a run over them must be isolated. */
const PARSE_TIME_WRITERS = [
  'X := $(shell touch parse-stamp)',
  'X != echo hi > parse-out',
  '$(file >file-out,written by $$(file))',
  'LIST := $(shell find . -name "*.tmp" -delete)',
  'X := $(shell command rm -f src/a.c.bak)',
  'SORTED := $(shell sort -o sorted.txt src/a.c)',
  'SHELL := ./logging-shell\nY := $(shell echo read-only)',
  'include gen.mk\ngen.mk: ; echo "G = 1" > $@',
  '-include deps/a.d\ndeps/a.d: src/a.c | deps ; echo "a.o: src/a.c" > $@\ndeps: ; mkdir -p $@',
  `X := $(shell touch ${PROJECT_DIR}/abs-stamp)`,
  `X := $(shell touch ${OUTSIDE_DIR}/escaped-stamp)`,
  '-include ../shared.mk',
  'X := $(shell touch out-link/via-link)',
  '-load ./missing-plugin.so',
];

/** Lines that write only when a goal's recipe runs (a build, or -n for `+` and $(MAKE) lines). */
const RECIPE_WRITERS = [
  'all: plus-stamp\nplus-stamp: ; +touch $@',
  'all: sub\nsub: ; $(MAKE) -C sub',
  'SUBMAKE = $(MAKE) -C sub\nall: viavar\nviavar: ; $(SUBMAKE)',
  'all: recipe-shell\nrecipe-shell: ; @echo $(shell touch recipe-stamp)',
  '.SECONDEXPANSION:\nall: $$(shell touch second-stamp)',
  `all: abs-out\nabs-out: ; echo built > ${OUTSIDE_DIR}/built-outside`,
  'all: sub-writes\nsub-writes: ; $(MAKE) -C sub writes',
  'all: cmake-build\ncmake-build: ; $(MAKE) -C build',
  'all: automake\nautomake: ; $(MAKE) -C am',
];

const WRITERS = [...PARSE_TIME_WRITERS, ...RECIPE_WRITERS];

/** Shared makefile in the project's parent, included by `-include ../shared.mk`: it writes beside itself. */
const SHARED_MK = 'S := $(shell touch ../shared-stamp)\n';

/** A sub-make that writes at parse time and in its recipe. */
const SUB_MAKEFILE = [
  'P := $(shell touch sub-parse-stamp)',
  'all: ; @echo sub',
  'writes: ; touch sub-made && echo x >> ../from-sub',
].join('\n');

/** A cmake-generated build tree: absolute source and binary dirs, progress files written by every run. */
const CMAKE_MAKEFILE = [
  `CMAKE_SOURCE_DIR = ${PROJECT_DIR}`,
  `CMAKE_BINARY_DIR = ${PROJECT_DIR}/build`,
  'all: cmake_check_build_system',
  '\t$(MAKE) -f CMakeFiles/Makefile2 all',
  'cmake_check_build_system:',
  '\ttouch $(CMAKE_BINARY_DIR)/CMakeFiles/cmake.check_cache',
  '.PHONY: all cmake_check_build_system',
].join('\n');
const CMAKE_MAKEFILE2 = [
  'CMAKE_BINARY_DIR = $(CURDIR)',
  'all: ; echo 1 > $(CMAKE_BINARY_DIR)/CMakeFiles/progress.marks && touch $(CMAKE_BINARY_DIR)/app',
].join('\n');

/** An automake tree whose Makefile is older than Makefile.in: make remakes it even under -n or -q. */
const AUTOMAKE_MAKEFILE = [
  'srcdir = .',
  'all: ; @echo am',
  'Makefile: $(srcdir)/Makefile.in config.status ; ./config.status',
  'config.status: configure ; ./config.status --recheck',
].join('\n');
const CONFIG_STATUS = '#!/bin/sh\ntouch config.log\ncp Makefile Makefile.bak\ntouch Makefile\n';

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
    writers: fc.subarray(WRITERS, { maxLength: 4 }),
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
      'sorted.txt': 'old\n',
      'logging-shell': '#!/bin/sh\necho "$@" >> shell.log\nexec /bin/sh "$@"\n',
      'sub/Makefile': SUB_MAKEFILE + '\n',
      '../shared.mk': SHARED_MK,
      '../outside/keep.txt': 'outside\n',
      'build/Makefile': CMAKE_MAKEFILE + '\n',
      'build/CMakeFiles/Makefile2': CMAKE_MAKEFILE2 + '\n',
      'build/CMakeFiles/progress.marks': '0\n',
      'am/Makefile': AUTOMAKE_MAKEFILE + '\n',
      'am/Makefile.in': AUTOMAKE_MAKEFILE + '\n',
      'am/configure': '#!/bin/sh\n',
      'am/config.status': CONFIG_STATUS,
    };
    const ages: Record<string, number> = {
      'src/a.c': 50,
      'src/b.c': 50,
      'am/Makefile': 80,
      'am/Makefile.in': 70,
      'am/configure': 75,
      'am/config.status': 75,
    };
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
      executables: ['logging-shell', 'am/configure', 'am/config.status'],
      risky: writers.some((line) => PARSE_TIME_WRITERS.includes(line)),
      symlinks: {
        'out-link': OUTSIDE_DIR,
        ...(link ? { 'link-to-a.c': 'src/a.c' } : {}),
      } as Record<string, string>,
      targets: ['all', 'app', 'a.o', 'clean', 'sub', 'plus-stamp', 'cmake-build', 'automake', 'sub-writes'],
      ages,
    };
  });
