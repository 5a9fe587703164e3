// Snapshot of a directory tree (kind, size, mtime, content hash) and the files created, changed, deleted.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import * as path from 'node:path';

export interface EntryState {
  kind: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
  /** sha256 of the content (files), the link text (symlinks); '' for directories. */
  hash: string;
}

/** Paths relative to the root, with '/' separators. */
export type TreeSnapshot = Map<string, EntryState>;

export interface TreeChanges {
  created: string[];
  changed: string[];
  deleted: string[];
}

export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

// A sandbox copy keeps times to the millisecond only (fs.cp sets them from Date objects).
function sameMillisecond(a: number, b: number): boolean {
  return Math.floor(a) === Math.floor(b);
}

/**
 * Walks `root`. When `reference` is given, a file whose size and mtime match it keeps the
 * reference's hash: only what a build touched is read again, which keeps a comparison cheap.
 */
export async function snapshotTree(root: string, reference?: TreeSnapshot): Promise<TreeSnapshot> {
  const result: TreeSnapshot = new Map();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const full = path.join(root, name);
      const stat = await lstat(full);
      const base = { size: stat.size, mtimeMs: stat.mtimeMs };
      if (stat.isDirectory()) {
        result.set(name, { kind: 'directory', ...base, hash: '' });
        await walk(name);
      } else if (stat.isSymbolicLink()) {
        result.set(name, { kind: 'symlink', ...base, hash: await readlink(full) });
      } else if (stat.isFile()) {
        const known = reference?.get(name);
        const same =
          known?.kind === 'file' && known.size === stat.size && sameMillisecond(known.mtimeMs, stat.mtimeMs);
        result.set(name, { kind: 'file', ...base, hash: same ? known.hash : await hashFile(full) });
      } else {
        result.set(name, { kind: 'other', ...base, hash: '' });
      }
    }
  };
  await walk('');
  return result;
}

/** Total size of the files in a snapshot (what a sandbox copy costs). */
export function snapshotBytes(snapshot: TreeSnapshot): number {
  let total = 0;
  for (const entry of snapshot.values()) if (entry.kind === 'file') total += entry.size;
  return total;
}

/** What changed between two snapshots; directories only count when created or deleted. */
export function diffSnapshots(before: TreeSnapshot, after: TreeSnapshot): TreeChanges {
  const changes: TreeChanges = { created: [], changed: [], deleted: [] };
  for (const [name, state] of after) {
    const old = before.get(name);
    if (!old) changes.created.push(name);
    else if (state.kind !== old.kind || (state.kind !== 'directory' && state.hash !== old.hash))
      changes.changed.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) changes.deleted.push(name);
  return changes;
}

/** The state of one path after a run, in words a report can compare: a hash, 'directory' or 'absent'. */
export function stateOf(snapshot: TreeSnapshot, name: string): string {
  const entry = snapshot.get(name);
  if (!entry) return 'absent';
  if (entry.kind === 'directory') return 'directory';
  return `${entry.kind === 'symlink' ? 'symlink:' : 'sha256:'}${entry.hash}`;
}
