// Starts and stops a code-server (real VS Code) in its own process group, with HOME and XDG_* kept in a scratch folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, codeServerEntry } from '../ensure-vscode.mjs';

const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  // examples/ lives inside this repository's git checkout; don't ask about it.
  'git.openRepositoryInParentFolders': 'never',
};

/** A fresh scratch folder under .vscode-test/tmp/ with home, user-data and extensions folders. */
export function makeScratch(label) {
  const base = join(cacheDir, 'tmp');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(join(base, `${label}-`));
  const dirs = {
    root,
    home: join(root, 'home'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
  };
  for (const dir of [dirs.home, dirs.userData, dirs.extensions]) mkdirSync(dir, { recursive: true });
  return dirs;
}

function environment(home) {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    // A VS Code launched from a VS Code terminal would otherwise inherit the outer session's IPC hooks.
    VSCODE_IPC_HOOK_CLI: '',
  };
}

function commonFlags(scratch) {
  return ['--user-data-dir', scratch.userData, '--extensions-dir', scratch.extensions];
}

/** `code-server --install-extension file.vsix` into the scratch extensions folder; throws on failure. */
export function installExtension(scratch, vsix) {
  const result = spawnSync(
    process.execPath,
    [codeServerEntry, ...commonFlags(scratch), '--force', '--install-extension', vsix],
    { env: environment(scratch.home), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** The address code-server printed ("HTTP server listening on http://127.0.0.1:PORT/"), once it has. */
function listeningOrigin(output) {
  for (const line of output) {
    const match = /HTTP server listening on (https?:\/\/[^\s/]+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Waits for code-server to say where it listens: with port 0 the kernel picks the port as it binds. */
async function waitForListening(output, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const origin = listeningOrigin(output);
    if (origin) return origin;
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    if (Date.now() > deadline)
      throw new Error(`code-server did not say where it listens within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForHealthz(origin, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${deadlineMs} ms (${lastError})`);
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server opening `folder` on `port`, or by default on port 0 (the port is chosen by the kernel as
 * code-server binds it, so no other process can take it in between) and reads the port from its output.
 * Resolves once /healthz answers.
 * options: { scratch, folder, trust = false, settings = {}, port, log = (line) => {} }
 */
export async function startCodeServer(options) {
  const { scratch, folder, trust = false, settings = {}, log = () => {} } = options;
  const userSettingsDir = join(scratch.userData, 'User');
  mkdirSync(userSettingsDir, { recursive: true });
  writeFileSync(
    join(userSettingsDir, 'settings.json'),
    JSON.stringify({ ...defaultSettings, ...settings }, null, 2),
  );
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${options.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...commonFlags(scratch),
    ...(trust ? [] : ['--disable-workspace-trust']),
    folder,
  ];
  // detached: the child leads a new process group (setsid), so the extension host and the
  // language server it starts can all be stopped with one kill of the group.
  const child = spawn(process.execPath, args, {
    cwd: folder,
    env: environment(scratch.home),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const collect = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      log(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const pgid = child.pid;
  // If this process ends without stop() (an uncaught error, process.exit), take the group down with it.
  const killOnExit = () => {
    if (pgid !== undefined && groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (pgid === undefined || !groupAlive(pgid)) return;
    process.kill(-pgid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  };
  let origin;
  try {
    origin = await waitForListening(output, child, 30000);
    await waitForHealthz(origin, child, 30000);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}\n${output.join('\n')}`);
  }
  return {
    port: Number(new URL(origin).port),
    origin,
    pgid,
    folder,
    output,
    /** The workbench URL for the folder, with extra query parameters (e.g. payload) if given. */
    url(query = {}) {
      // Slashes stay readable in the folder path; everything else is encoded.
      const parts = Object.entries({ folder, ...query }).map(
        ([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2F/g, '/')}`,
      );
      return `${origin}/?${parts.join('&')}`;
    },
    exited,
    stop,
  };
}
