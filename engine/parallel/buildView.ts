// What one build left behind, read without copying the tree: from the isolated upper layer, or from a copy's snapshot.
import { lstat, readlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { IsolationSession } from '../probes/isolation/isolationSession';
import type { UpperLayer } from '../probes/isolation/upperLayer';
import {
  diffSnapshots,
  hashFile,
  snapshotTree,
  stateOf,
  type TreeChanges,
  type TreeSnapshot,
} from './treeSnapshot';

export interface BuildView {
  /** Paths relative to the project directory that the build created, changed or deleted. */
  changes: TreeChanges;
  /** The state of `name` after the build, in words a comparison can compare ('absent', 'directory', a hash). */
  stateOf(name: string): Promise<string>;
  /** Where the content of `name` after the build can be read; undefined when it is absent. */
  contentPath(name: string): string | undefined;
}

async function stateAt(file: string | undefined): Promise<string> {
  if (file === undefined) return 'absent';
  const info = await lstat(file).catch(() => undefined);
  if (!info) return 'absent';
  if (info.isDirectory()) return 'directory';
  if (info.isSymbolicLink()) return `symlink:${await readlink(file)}`;
  return info.isFile() ? `sha256:${await hashFile(file)}` : 'other';
}

/** The view of an isolated build: only what its upper layer holds differs from the project. */
export async function isolatedView(
  session: IsolationSession,
  layer: UpperLayer,
  directory: string,
): Promise<BuildView> {
  const changes: TreeChanges = { created: [], changed: [], deleted: [] };
  for (const file of await session.written()) {
    if (file.kind === 'directory' && file.change !== 'created') continue;
    changes[file.change].push(path.relative(directory, file.path));
  }
  const states = new Map<string, Promise<string>>();
  const contentPath = (name: string): string | undefined =>
    session.contentPath(path.resolve(directory, name), layer);
  return {
    changes,
    contentPath,
    stateOf: (name) => {
      let state = states.get(name);
      if (state === undefined) {
        state = stateAt(contentPath(name));
        states.set(name, state);
      }
      return state;
    },
  };
}

/** The view of a build in a copy (the fallback where isolation is not available): a snapshot of the copy. */
export async function copyView(copy: string, initial: TreeSnapshot): Promise<BuildView> {
  const snapshot = await snapshotTree(copy, initial);
  return {
    changes: diffSnapshots(initial, snapshot),
    stateOf: (name) => Promise.resolve(stateOf(snapshot, name)),
    contentPath: (name) => (snapshot.has(name) ? path.join(copy, name) : undefined),
  };
}
