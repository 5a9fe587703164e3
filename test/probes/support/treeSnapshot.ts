// Snapshot of a folder tree (the root included): each entry's type, mode, mtime and ctime, a file's size and
// content hash, a link's target. Equal snapshots prove a probe changed nothing, not even a chmod or a touch.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import * as path from 'node:path';

export type TreeSnapshot = Record<string, string>;

export async function snapshotTree(root: string): Promise<TreeSnapshot> {
  const snapshot: TreeSnapshot = {};
  const record = async (file: string): Promise<void> => {
    const info = await lstat(file, { bigint: true });
    // ctime moves on any change to the inode (chmod, chown, a rename, a write undone by utimes).
    const times = `mode ${info.mode.toString(8)} mtime ${info.mtimeNs} ctime ${info.ctimeNs}`;
    const relative = path.relative(root, file) || '.';
    if (info.isSymbolicLink()) snapshot[relative] = `link ${await readlink(file)} ${times}`;
    else if (info.isDirectory()) {
      snapshot[relative] = `dir ${times}`;
      for (const entry of (await readdir(file)).sort()) await record(path.join(file, entry));
    } else if (info.isFile()) {
      const hash = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
      snapshot[relative] = `file ${info.size} ${hash} ${times}`;
    } else snapshot[relative] = `special ${times}`;
  };
  await record(root);
  return snapshot;
}
