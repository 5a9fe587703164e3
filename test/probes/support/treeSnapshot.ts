// Snapshot of a folder tree (paths, types, content hashes, mtimes) to prove a probe changed nothing.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import * as path from 'node:path';

export type TreeSnapshot = Record<string, string>;

export async function snapshotTree(root: string): Promise<TreeSnapshot> {
  const snapshot: TreeSnapshot = {};
  const visit = async (directory: string): Promise<void> => {
    for (const entry of (await readdir(directory)).sort()) {
      const file = path.join(directory, entry);
      const relative = path.relative(root, file);
      const info = await lstat(file, { bigint: true });
      if (info.isSymbolicLink()) snapshot[relative] = `link ${await readlink(file)} ${info.mtimeNs}`;
      else if (info.isDirectory()) {
        snapshot[relative] = 'dir';
        await visit(file);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(file))
          .digest('hex');
        snapshot[relative] = `file ${info.size} ${hash} ${info.mtimeNs}`;
      }
    }
  };
  await visit(root);
  return snapshot;
}
