// Installs a real VS Code (code-server, pinned) into .vscode-test/code-server/, after the system packages (system-packages.mjs).
// Idempotent: does nothing when the pinned version is already installed. Run directly or import ensureVsCode().
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, ensureSystemPackages } from './system-packages.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = join(repoRoot, '.vscode-test');
export const codeServerDir = join(cacheDir, 'code-server');
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export { chromiumPath };

const marker = join(codeServerDir, 'installed-version');
// The ripgrep release @vscode/ripgrep 1.15.11 would download; it looks in its cache dir first.
const ripgrepCache = 'vscode-ripgrep-cache-1.15.11';
const ripgrepAsset = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function log(message) {
  console.log(`[ensure-vscode] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export function installedVersion() {
  if (!existsSync(marker) || !existsSync(codeServerEntry)) return undefined;
  return readFileSync(marker, 'utf8').trim();
}

/** Puts Debian's rg where @vscode/ripgrep looks before downloading (these machines have no internet). */
function seedRipgrepCache(tmpDir) {
  const dir = join(tmpDir, ripgrepCache);
  const staging = join(tmpDir, 'rg-staging');
  mkdirSync(dir, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync('/usr/bin/rg', join(staging, 'rg'));
  run('tar', ['-czf', join(dir, ripgrepAsset), '-C', staging, 'rg']);
}

function installCodeServer() {
  const tmpDir = join(cacheDir, 'tmp', 'install');
  rmSync(codeServerDir, { recursive: true, force: true });
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  // Its own package.json, so npm installs here and never touches the project's node_modules.
  writeFileSync(
    join(codeServerDir, 'package.json'),
    JSON.stringify({ name: 'makescope-code-server', private: true, description: 'test cache' }, null, 2),
  );
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty runs `npx node-gyp`, which would prompt
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir} (about a minute)`);
  run('npm', ['install', '--no-save', '--prefix', codeServerDir, `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env,
  });
  if (!existsSync(codeServerEntry))
    throw new Error(`code-server installed but ${codeServerEntry} is missing`);
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  rmSync(tmpDir, { recursive: true, force: true });
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Makes sure chromium and code-server are ready; throws with instructions when they cannot be. */
export function ensureVsCode() {
  ensureSystemPackages({ log });
  const version = installedVersion();
  if (version === CODE_SERVER_VERSION) {
    log(`code-server ${version} already installed`);
    return;
  }
  withInstallLock(() => {
    // Another run may have installed it while this one waited for the lock.
    const current = installedVersion();
    if (current === CODE_SERVER_VERSION) return log(`code-server ${current} was installed by another run`);
    if (current) log(`found code-server ${current}, want ${CODE_SERVER_VERSION}: reinstalling`);
    installCodeServer();
  });
}

/** Serialises installs between concurrent test runs: a lock folder holding the owner's pid. */
function withInstallLock(install) {
  const lock = join(cacheDir, 'code-server.lock');
  const owner = join(lock, 'pid');
  mkdirSync(cacheDir, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if (error?.code !== 'EEXIST') throw error;
    }
    const pid = Number(existsSync(owner) ? readFileSync(owner, 'utf8') : NaN);
    if (pid && !processAlive(pid)) {
      rmSync(lock, { recursive: true, force: true }); // left by a run that died
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`${lock} is still held by pid ${pid}; remove it if no install runs`);
    if (!waited) log(`waiting for the install running in pid ${pid}`);
    waited = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000); // this script is synchronous
  }
  try {
    install();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error?.code === 'EPERM';
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureVsCode();
  } catch (error) {
    console.error(`[ensure-vscode] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
