// Runs the CLI's bundle with V8's code cache kept in Makescope's cache folder, for Node without enableCompileCache.
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { nameDigest } from '../../engine/probes/nameDigest';

/** The prefix of the cache's files, one per bundle and Node: the cache folder holds other answers too. */
const PREFIX = 'cli-code-';
/** Files kept (several installs, or Node versions, side by side); older ones go when a new one is written. */
const KEPT = 4;

/** A short, stable name for everything V8's data depends on: Node's version and the bundle's path and stat. */
function cacheName(bundle: string): string {
  const info = statSync(bundle);
  const key = [process.version, process.arch, bundle, info.size, info.mtimeMs, info.ino].join('\0');
  // A name, not a check (V8 checks the source and its own version).
  return `${PREFIX}${nameDigest(key).slice(0, 16)}.bin`;
}

/** Code V8 will run, so only a file this user owns and nobody else may write. */
function trustedData(file: string): Buffer | undefined {
  try {
    const info = lstatSync(file);
    if (!info.isFile() || (info.mode & 0o022) !== 0) return undefined;
    if (process.getuid !== undefined && info.uid !== process.getuid()) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function keep(folder: string, file: string, data: Buffer): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, data, { mode: 0o600 });
    renameSync(partial, file);
    const older = readdirSync(folder)
      .filter((name) => name.startsWith(PREFIX) && name.endsWith('.bin'))
      .map((name) => path.join(folder, name))
      .filter((other) => other !== file)
      .map((other) => ({ other, mtimeMs: statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((x, y) => y.mtimeMs - x.mtimeMs);
    for (const { other } of older.slice(KEPT - 1)) rmSync(other, { force: true });
  } catch {
    // A cache that cannot be written costs the next run its compile, nothing more.
  }
}

/**
 * Runs `bundle` (a CommonJS file) as `require` would, compiled from the code V8 kept for it when there is some.
 * Without any (first run, a new Node or a new bundle, or data V8 rejects), the code V8 compiled while the command
 * ran (the functions it called, not only the top level) is kept at exit for the next run.
 */
export function runWithCodeCache(bundle: string, folder: string): void {
  const file = path.join(folder, cacheName(bundle));
  const cachedData = trustedData(file);
  const source = readFileSync(bundle, 'utf8');
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true)
    process.once('exit', () => keep(folder, file, script.createCachedData()));
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  run(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}
