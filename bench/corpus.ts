// Obtains the real Makefiles the parser bench reads: cmake, automake, node-gyp outputs and npm-shipped files.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { cached, failure, firstLine, hasTool, run } from './tools';

export const repoRoot = path.resolve(__dirname, '..');
export const cacheRoot = path.join(repoRoot, '.cache', 'bench-corpus');

export interface CorpusGroup {
  name: string;
  /** Where the files come from, for the report. */
  source: string;
  files: string[];
  /** Set when the group could not be obtained on this machine. */
  na?: string;
}

/** Packages pinned for the npm-shipped Makefiles (and libffi, which ships automake output). */
const NPM_PACKAGES = [
  'ffi-napi@4.0.3',
  'node-sass@9.0.0',
  'make-node@0.4.6',
  '@financial-times/origami-service-makefile@7.0.3',
  '@rowanmanning/make@2.3.0',
];

const CMAKE_LIBRARIES = 4;
const CMAKE_SOURCES_PER_LIBRARY = 275;
const AUTOMAKE_SOURCES = 300;

export function isMakefileName(name: string): boolean {
  return /^(GNUmakefile|makefile|Makefile|Makefile2)$/.test(name) || /\.(mk|make|mak)$/.test(name);
}

export function findMakefiles(dir: string, accept: (name: string) => boolean = isMakefileName): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && accept(entry.name)) found.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found.sort();
}

function guard(name: string, source: string, obtain: () => string[]): CorpusGroup {
  try {
    const files = obtain().filter((file) => statSync(file).size > 0);
    return files.length > 0 ? { name, source, files } : { name, source, files, na: 'no Makefiles produced' };
  } catch (error) {
    return { name, source, files: [], na: error instanceof Error ? error.message : String(error) };
  }
}

/** npm pack of the pinned packages into the cache (one registry fetch each, reused afterwards). */
function npmPackages(): string {
  const dir = path.join(cacheRoot, 'npm');
  cached(dir, NPM_PACKAGES.join(','), () => {
    for (const spec of NPM_PACKAGES) {
      const packed = run('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
        timeoutMs: 120_000,
      });
      if (!packed.ok) throw failure(`npm pack ${spec}`, packed);
      const tarball = path.join(dir, firstLine(packed.stdout));
      const target = path.join(dir, spec.replace(/^@/, '').replace(/[/@]/g, '_'));
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      const untar = run('tar', ['xzf', tarball, '-C', target]);
      if (!untar.ok) throw failure(`tar ${tarball}`, untar);
    }
  });
  return dir;
}

function npmShipped(): CorpusGroup {
  const shipped = (name: string): boolean => isMakefileName(name) || name === 'Makefile.in';
  return guard(
    'npm-shipped',
    `Makefiles shipped in npm packages (${NPM_PACKAGES.join(', ')}; repo node_modules)`,
    () => [
      ...findMakefiles(npmPackages(), shipped),
      ...findMakefiles(path.join(repoRoot, 'node_modules'), shipped),
    ],
  );
}

function cmake(): CorpusGroup {
  const version = firstLine(run('cmake', ['--version']).stdout) || 'cmake';
  const total = CMAKE_LIBRARIES * CMAKE_SOURCES_PER_LIBRARY;
  return guard(
    'cmake',
    `${version}, Unix Makefiles, C project of ${total} sources in ${CMAKE_LIBRARIES} libraries`,
    () => {
      if (!hasTool('cmake')) throw new Error('cmake not found (apt-get install cmake)');
      const dir = path.join(cacheRoot, 'cmake');
      cached(dir, `v1-${total}`, () => {
        const src = path.join(dir, 'src');
        mkdirSync(src, { recursive: true });
        const lists = ['cmake_minimum_required(VERSION 3.13)', 'project(bench C)'];
        for (let lib = 0; lib < CMAKE_LIBRARIES; lib++) {
          const names: string[] = [];
          for (let i = 0; i < CMAKE_SOURCES_PER_LIBRARY; i++) {
            const name = `l${lib}_f${i}`;
            writeFileSync(path.join(src, `${name}.c`), `int ${name}(void) { return ${i}; }\n`);
            names.push(`src/${name}.c`);
          }
          lists.push(`add_library(lib${lib} STATIC ${names.join(' ')})`);
          lists.push(`target_compile_definitions(lib${lib} PRIVATE LIB=${lib})`);
        }
        writeFileSync(path.join(src, 'main.c'), 'int main(void) { return 0; }\n');
        const libs = Array.from({ length: CMAKE_LIBRARIES }, (_, lib) => `lib${lib}`).join(' ');
        lists.push('add_executable(app src/main.c)', `target_link_libraries(app ${libs})`);
        writeFileSync(path.join(dir, 'CMakeLists.txt'), lists.join('\n') + '\n');
        const generated = run('cmake', ['-S', dir, '-B', path.join(dir, 'build'), '-G', 'Unix Makefiles']);
        if (!generated.ok) throw failure('cmake', generated);
      });
      return findMakefiles(path.join(dir, 'build'));
    },
  );
}

/** The largest cmake-generated Makefile: the top-level one, ~27 lines per source (~30,000 lines). */
export function largestFile(group: CorpusGroup): string | undefined {
  return [...group.files].sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

function automake(): CorpusGroup {
  const haveAutomake = hasTool('automake') && hasTool('autoreconf');
  const source = haveAutomake
    ? `libffi 3.x shipped in ffi-napi@4.0.3 (./configure) + ${AUTOMAKE_SOURCES}-source project through ${firstLine(run('automake', ['--version']).stdout)}`
    : 'libffi shipped in ffi-napi@4.0.3 (./configure); automake not installed (apt-get install automake autoconf), so no project of our own';
  return guard('automake', source, () => {
    const npmDir = npmPackages();
    const libffi = path.join(cacheRoot, 'libffi');
    cached(libffi, 'v1', () => {
      rmSync(libffi, { recursive: true, force: true });
      cpSync(path.join(npmDir, 'ffi-napi_4.0.3', 'package', 'deps', 'libffi'), libffi, { recursive: true });
      const configured = run('./configure', [], { cwd: libffi, timeoutMs: 300_000 });
      if (!configured.ok) throw failure('libffi ./configure', configured);
    });
    const files = findMakefiles(libffi, (name) => name === 'Makefile');
    if (haveAutomake) files.push(...automakeProject());
    return files;
  });
}

function automakeProject(): string[] {
  const dir = path.join(cacheRoot, 'automake');
  cached(dir, `v1-${AUTOMAKE_SOURCES}`, () => {
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    const sources: string[] = [];
    for (let i = 0; i < AUTOMAKE_SOURCES; i++) {
      writeFileSync(path.join(dir, 'src', `f${i}.c`), `int f${i}(void) { return ${i}; }\n`);
      sources.push(`src/f${i}.c`);
    }
    writeFileSync(path.join(dir, 'src', 'main.c'), 'int main(void) { return 0; }\n');
    writeFileSync(
      path.join(dir, 'configure.ac'),
      'AC_INIT([benchproj],[1.0])\nAM_INIT_AUTOMAKE([foreign subdir-objects])\nAC_PROG_CC\nAC_PROG_RANLIB\n' +
        'AC_CONFIG_FILES([Makefile])\nAC_OUTPUT\n',
    );
    writeFileSync(
      path.join(dir, 'Makefile.am'),
      'bin_PROGRAMS = app\napp_SOURCES = src/main.c\napp_LDADD = libbench.a\nnoinst_LIBRARIES = libbench.a\n' +
        `libbench_a_SOURCES = ${sources.join(' \\\n\t')}\n`,
    );
    const reconf = run('autoreconf', ['-i'], { cwd: dir });
    if (!reconf.ok) throw failure('autoreconf -i', reconf);
    const configured = run('./configure', [], { cwd: dir });
    if (!configured.ok) throw failure('./configure', configured);
  });
  return [path.join(dir, 'Makefile')];
}

/** node-gyp's own location: beside npm (npm_execpath when run through npm), else on PATH. */
function nodeGypCommand(): string[] {
  const candidates = [
    process.env.npm_execpath,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ]
    .filter((p): p is string => !!p)
    .map((npmCli) => path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const script = candidates.find((p) => existsSync(p));
  if (script) return [process.execPath, script];
  if (hasTool('node-gyp')) return ['node-gyp'];
  throw new Error('node-gyp not found (it ships with npm)');
}

function nodeGyp(): CorpusGroup {
  const inputs = ['tree-sitter-make', 'tree-sitter'];
  return guard(
    'node-gyp',
    `node-gyp configure of binding.gyp in ${inputs.join(', ')} and libffi.gyp (ffi-napi@4.0.3)`,
    () => {
      const [command, ...prefix] = nodeGypCommand();
      const nodedir = path.resolve(path.dirname(process.execPath), '..');
      const nodedirArgs = existsSync(path.join(nodedir, 'include', 'node', 'common.gypi'))
        ? [`--nodedir=${nodedir}`]
        : [];
      const dir = path.join(cacheRoot, 'node-gyp');
      cached(dir, 'v1', () => {
        const projects: string[] = [];
        for (const name of inputs) {
          const target = path.join(dir, name);
          rmSync(target, { recursive: true, force: true });
          cpSync(path.join(repoRoot, 'node_modules', name), target, { recursive: true });
          rmSync(path.join(target, 'build'), { recursive: true, force: true });
          projects.push(target);
        }
        const ffi = path.join(dir, 'libffi');
        rmSync(ffi, { recursive: true, force: true });
        cpSync(
          path.join(npmPackages(), 'ffi-napi_4.0.3', 'package', 'deps', 'libffi'),
          path.join(ffi, 'deps', 'libffi'),
          { recursive: true },
        );
        // The package's own binding.gyp needs its dependencies installed; libffi.gyp only needs a root.
        writeFileSync(
          path.join(ffi, 'binding.gyp'),
          "{'targets':[{'target_name':'ffi_root','type':'none','dependencies':['deps/libffi/libffi.gyp:ffi']}]}\n",
        );
        projects.push(ffi);
        for (const project of projects) {
          const configured = run(command, [...prefix, 'configure', ...nodedirArgs], {
            cwd: project,
            env: { NODE_PATH: path.join(repoRoot, 'node_modules') },
          });
          if (!configured.ok) throw failure(`node-gyp configure in ${path.basename(project)}`, configured);
        }
      });
      return inputs.concat('libffi').flatMap((name) => findMakefiles(path.join(dir, name, 'build')));
    },
  );
}

export function realCorpus(): CorpusGroup[] {
  mkdirSync(cacheRoot, { recursive: true });
  return [cmake(), automake(), nodeGyp(), npmShipped()];
}

/**
 * A project folder in the bench's cache, named by its real path: the probes isolate the repository that
 * holds the path as given, and a symlinked .cache (a worktree's) would lead make's writes out of it onto
 * the read-only rest of the file system; make's databases name the real path too.
 */
export function projectFolder(name: string): string {
  const dir = path.join(cacheRoot, name);
  mkdirSync(dir, { recursive: true });
  return realpathSync(dir);
}

export function writeCacheFile(relative: string, text: string): string {
  const file = path.join(cacheRoot, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export function copyIntoCache(from: string, relative: string): string {
  const file = path.join(cacheRoot, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(from, file);
  return file;
}
