// A workspace snapshot for "nothing lost": every entry's type, mode, content hash and mtime, directories included.
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import * as path from 'node:path';

export type FullSnapshot = Record<string, string>;

/** Directory mtimes count too: a probe that created and removed a file in place would show. */
export async function fullSnapshot(root: string): Promise<FullSnapshot> {
  const snapshot: FullSnapshot = {};
  const visit = async (directory: string): Promise<void> => {
    for (const entry of (await readdir(directory)).sort()) {
      const file = path.join(directory, entry);
      const relative = path.relative(root, file);
      const info = await lstat(file, { bigint: true });
      const common = `${info.mode.toString(8)} ${info.mtimeNs}`;
      if (info.isSymbolicLink()) snapshot[relative] = `link ${await readlink(file)} ${common}`;
      else if (info.isDirectory()) {
        snapshot[relative] = `dir ${common}`;
        await visit(file);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(file))
          .digest('hex');
        snapshot[relative] = `file ${info.size} ${hash} ${common}`;
      }
    }
  };
  snapshot['.'] = `dir ${(await lstat(root, { bigint: true })).mtimeNs}`;
  await visit(root);
  return snapshot;
}
