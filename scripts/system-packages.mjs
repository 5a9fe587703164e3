// The one list of Debian packages that `npm start`, the extension's probes and every `npm test` layer need; read by
// ensure-vscode.mjs (npm start, integration, e2e), test.mjs and .ci/run. Run directly: installs what is missing as root,
// else prints the one `sudo apt-get install …` line and exits 1. `--names` prints the list, `--check` only reports.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Debian's chromium by default; MAKESCOPE_CHROMIUM points elsewhere (e.g. where Ubuntu ships it as a snap).
export const chromiumPath = process.env.MAKESCOPE_CHROMIUM || '/usr/bin/chromium';

/**
 * Each package with a file that shows it is installed and who needs it. To add one, add a line here: the
 * installer, the check before `npm test` and .ci/run all read this list.
 */
export const systemPackages = [
  { name: 'chromium', file: chromiumPath, why: 'the browser that drives the workbench (npm start, e2e)' },
  { name: 'libkrb5-dev', file: '/usr/include/gssapi/gssapi.h', why: "code-server's kerberos module" },
  { name: 'ripgrep', file: '/usr/bin/rg', why: 'stands in for the rg @vscode/ripgrep would download' },
  {
    name: 'g++',
    file: '/usr/bin/g++',
    why: "native modules (code-server's node-pty, kerberos; node-gyp corpus)",
  },
  {
    name: 'gcc',
    file: '/usr/bin/gcc',
    why: 'builds make 4.4.1, the preloaded recorder and the namespace launcher; the probe fixtures compile C',
  },
  { name: 'make', file: '/usr/bin/make', why: 'GNU make 4.3, what the probes run; native modules' },
  { name: 'python3', file: '/usr/bin/python3', why: 'node-gyp (code-server install, fidelity corpus)' },
  { name: 'ca-certificates', file: '/etc/ssl/certs/ca-certificates.crt', why: 'apt sources over https' },
  {
    name: 'dpkg-dev',
    file: '/usr/bin/dpkg-source',
    why: "unpacks Debian's make 4.4.1 source (probes layer)",
  },
  { name: 'bmake', file: '/usr/bin/bmake', why: 'a make that is not GNU make (hardening: probe faults)' },
  {
    name: 'strace',
    file: '/usr/bin/strace',
    why: 'finds missing prerequisites in Compare Serial and Parallel',
  },
  { name: 'cmake', file: '/usr/bin/cmake', why: 'generates Makefiles for the fidelity layer' },
  { name: 'autoconf', file: '/usr/bin/autoconf', why: 'generates Makefiles for the fidelity layer' },
  { name: 'automake', file: '/usr/bin/automake', why: 'generates Makefiles for the fidelity layer' },
  {
    name: 'fuse-overlayfs',
    file: '/usr/bin/fuse-overlayfs',
    why: 'copy-on-write isolation of probes that could write',
  },
  { name: 'util-linux', file: '/usr/bin/unshare', why: 'private mount namespaces for isolated probes' },
  { name: 'mount', file: '/usr/bin/mount', why: 'hardening mounts a small tmpfs' },
  { name: 'zlib1g-dev', file: '/usr/include/zlib.h', why: "git's build in the realworld layer" },
  {
    name: 'libssl-dev',
    file: '/usr/include/openssl/ssl.h',
    why: "ldns's build in the realworld layer (the audit's real race)",
  },
  { name: 'procps', file: '/usr/bin/ps', why: 'hardening checks that no make process is left (ps)' },
  {
    name: 'shellcheck',
    file: '/usr/bin/shellcheck',
    why: 'lint code MS202 checks recipes with it (server and probes tests of makescope lint)',
  },
];

/** The packages whose marker file is absent. */
export function missingPackages() {
  return systemPackages.filter((pkg) => !existsSync(pkg.file));
}

/** The one line a non-root user runs. */
export function installLine(names) {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names.join(' ')}`;
}

function describe(missing) {
  return missing.map((pkg) => `  ${pkg.name}: ${pkg.why} (${pkg.file} not found)`).join('\n');
}

function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Installs the missing packages with apt-get when root; otherwise throws with the `sudo apt-get install` line.
 * `isRoot` and `install` are parameters so the unit test can drive both paths without apt.
 */
export function ensureSystemPackages({
  log = (message) => console.log(`[system-packages] ${message}`),
  isRoot = process.getuid?.() === 0,
  missing = missingPackages,
  install = (names) => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], env);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...names], env);
  },
} = {}) {
  const absent = missing();
  if (absent.length === 0) return [];
  const names = absent.map((pkg) => pkg.name);
  if (!isRoot) {
    throw new Error(
      `missing system packages:\n${describe(absent)}\nInstall them with:\n  ${installLine(names)}`,
    );
  }
  log(`installing system packages: ${names.join(' ')}`);
  install(names);
  const still = missing();
  if (still.length > 0)
    throw new Error(`apt-get did not provide: ${still.map((pkg) => pkg.file).join(', ')}`);
  return names;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--names')) {
    console.log(systemPackages.map((pkg) => pkg.name).join('\n'));
  } else if (args.includes('--check')) {
    const absent = missingPackages();
    if (absent.length > 0) {
      console.error(
        `[system-packages] missing:\n${describe(absent)}\nRun \`npm start\` once as root, or:\n  ${installLine(absent.map((pkg) => pkg.name))}`,
      );
      process.exitCode = 1;
    }
  } else {
    try {
      ensureSystemPackages();
    } catch (error) {
      console.error(`[system-packages] ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}
