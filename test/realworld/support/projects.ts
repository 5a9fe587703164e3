// The real projects of the layer: where scripts/fetch-real-projects.sh prepares them, the folder make runs in, a modest target and variables to check.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from './runCli';

export interface RealProject {
  /** The folder name under .cache/real-projects/ (and of the working copy). */
  name: string;
  /** Where make runs (`-C`), relative to the project's root. */
  directory: string;
  /** A modest target that builds in seconds. */
  target: string;
  /** Variables whose value and origin `vars NAME` must give as make does. */
  variables: string[];
  /** Trees fingerprinted besides the project's root (relative to it), e.g. libuv's cmake build folder. */
  alsoFingerprint: string[];
  /** Tools the project's make needs beyond make and gcc, with the package that has them. */
  tools: { command: string; package: string }[];
}

export const PROJECTS: Record<string, RealProject> = {
  git: {
    name: 'git',
    directory: '.',
    target: 'xdiff/lib.a',
    // GIT_VERSION comes from GIT-VERSION-FILE, a makefile make remakes before it builds anything.
    variables: ['CFLAGS', 'GIT_VERSION'],
    alsoFingerprint: [],
    tools: [],
  },
  redis: {
    name: 'redis',
    // make -C src reads ../deps (headers, libhiredis.a, linenoise.o) and ../src/.make-settings.
    directory: 'src',
    target: 'redis-cli',
    variables: ['MALLOC', 'FINAL_CFLAGS'],
    alsoFingerprint: ['src', 'deps'],
    tools: [],
  },
  busybox: {
    name: 'busybox',
    directory: '.',
    // One object under kbuild: still runs fixdep, conf --silentoldconfig and the split-include headers.
    target: 'libbb/xfuncs.o',
    variables: ['CC', 'BB_VER'],
    alsoFingerprint: [],
    tools: [],
  },
  hello: {
    name: 'hello',
    directory: '.',
    target: 'all',
    variables: ['CFLAGS', 'PACKAGE_VERSION'],
    alsoFingerprint: [],
    tools: [],
  },
  libuv: {
    name: 'libuv',
    directory: '_build',
    target: 'uv_a',
    variables: ['CMAKE_SOURCE_DIR', 'CMAKE_COMMAND'],
    alsoFingerprint: ['_build'],
    tools: [{ command: 'cmake', package: 'cmake' }],
  },
  ldns: {
    name: 'ldns',
    directory: '.',
    // Prepared with configure and the library built; the examples read config.h, a symlink that
    // setup-builddir makes, without declaring it (a real race: make --shuffle=reverse examples fails).
    target: 'examples',
    variables: ['CPPFLAGS', 'EXAMPLE_PROGS'],
    alsoFingerprint: [],
    tools: [],
  },
};

/**
 * The real .cache folder: in a git worktree .cache is a symlink to the main checkout's, and the trees
 * were prepared (cmake and configure wrote absolute paths) under the real path, not the symlink's.
 */
const CACHE = realCachePath(path.join(REPO, '.cache'));

/** The folder's real path, or the path as given when it does not exist yet (a fresh clone before any fetch). */
function realCachePath(cache: string): string {
  try {
    return realpathSync(cache);
  } catch {
    return cache;
  }
}

/** The prepared pristine trees (never probed; each run works on a copy). */
export const PRISTINE_ROOT = process.env.MAKESCOPE_REAL_PROJECTS_DIR ?? path.join(CACHE, 'real-projects');

/** Where the working copies live: the path each project was prepared at (one run of the layer at a time). */
export const WORK_ROOT = process.env.MAKESCOPE_REAL_PROJECTS_WORK ?? path.join(CACHE, 'real-projects-work');

/** A target no project has, so that make (and make -n) fails. */
export const MISSING_TARGET = 'makescope-realworld-no-such-target';
