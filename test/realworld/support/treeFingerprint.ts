// Fingerprints of a real tree (content, mode, mtime and ctime of every entry, directories included) and the ctime marker check.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Relative path -> one line describing the entry; '.' is the root itself. */
export type Fingerprint = Map<string, string>;

/**
 * Content hashes by inode and stat: any write changes mtime or ctime, so an unchanged stat means
 * unchanged content, and each file is read once per layer instead of twice per probe.
 */
const hashes = new Map<string, string>();

async function contentHash(file: string, key: string): Promise<string> {
  let hash = hashes.get(key);
  if (hash === undefined) {
    hash = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    hashes.set(key, hash);
  }
  return hash;
}

async function describeEntry(file: string, withContent: boolean): Promise<string> {
  const info = await lstat(file, { bigint: true });
  const times = `mode ${info.mode.toString(8)} mtime ${info.mtimeNs} ctime ${info.ctimeNs}`;
  if (info.isSymbolicLink()) return `link -> ${await readlink(file)} ${times}`;
  if (info.isDirectory()) return `dir ${times}`;
  if (!info.isFile()) return `special ${times}`;
  const key = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  const hash = withContent ? await contentHash(file, key) : '-';
  return `file ${info.size} ${hash} ${times}`;
}

/**
 * The whole tree under root, or (recursive: false) root and its direct entries only, as for the
 * parent folder of a project (its entries' content is hashed too, its subfolders are not walked).
 */
export async function fingerprintTree(root: string, recursive = true): Promise<Fingerprint> {
  const fingerprint: Fingerprint = new Map();
  fingerprint.set('.', await describeEntry(root, true));
  const visit = async (directory: string): Promise<void> => {
    for (const entry of (await readdir(directory)).sort()) {
      const file = path.join(directory, entry);
      const line = await describeEntry(file, true);
      fingerprint.set(path.relative(root, file), line);
      if (recursive && line.startsWith('dir ')) await visit(file);
    }
  };
  await visit(root);
  return fingerprint;
}

/** One line per entry added, removed or changed between two fingerprints of the same root. */
export function compareFingerprints(root: string, before: Fingerprint, after: Fingerprint): string[] {
  const changes: string[] = [];
  for (const [entry, line] of before) {
    const now = after.get(entry);
    if (now === undefined) changes.push(`removed ${path.join(root, entry)} (${line})`);
    else if (now !== line) changes.push(`changed ${path.join(root, entry)}: ${line} => ${now}`);
  }
  for (const [entry, line] of after) {
    if (!before.has(entry)) changes.push(`added ${path.join(root, entry)} (${line})`);
  }
  return changes;
}

/** A marker file (outside the watched trees) whose ctime is the probe's start. */
export async function createMarker(file: string): Promise<string> {
  await writeFile(file, `${Date.now()}\n`);
  return file;
}

/** `find ROOT [-maxdepth 1] -cnewer MARKER`: every entry whose inode changed after the marker was written. */
export async function changedSinceMarker(root: string, marker: string, recursive = true): Promise<string[]> {
  const args = [root, ...(recursive ? [] : ['-maxdepth', '1']), '-cnewer', marker];
  const { stdout } = await run('find', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((line) => line !== '');
}
