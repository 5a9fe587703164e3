// Reads an overlay's upper layer: exactly the files an isolated run created, changed or deleted.
import { lstat, readdir } from 'node:fs/promises';
import * as path from 'node:path';

export type LayerKind = 'file' | 'directory' | 'symlink' | 'other' | 'deleted';

export interface LayerEntry {
  kind: LayerKind;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** Real absolute paths (as make sees them) to what the upper layer holds for them. */
export type UpperLayer = Map<string, LayerEntry>;

// fuse-overlayfs without the right to make device files marks deletions with these names.
const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

/**
 * Walks `upper`, naming each entry by its path under `root`. A deletion is a whiteout: a character
 * device 0/0 (overlayfs) or a `.wh.NAME` file (fuse-overlayfs). A folder that is only there to hold
 * a changed file is listed as a folder; whether it is new is for the caller to ask the real tree.
 */
export async function readUpperLayer(upper: string, root: string): Promise<UpperLayer> {
  const layer: UpperLayer = new Map();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(upper, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name === OPAQUE_MARKER) continue;
      const name = path.join(relative, entry.name);
      const info = await lstat(path.join(upper, name)).catch(() => undefined);
      if (!info) continue;
      const times = { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
      if (entry.name.startsWith(WHITEOUT_PREFIX)) {
        const deleted = path.join(relative, entry.name.slice(WHITEOUT_PREFIX.length));
        layer.set(path.join(root, deleted), { kind: 'deleted', ...times });
      } else if (info.isCharacterDevice() && info.rdev === 0) {
        layer.set(path.join(root, name), { kind: 'deleted', ...times });
      } else if (info.isDirectory()) {
        layer.set(path.join(root, name), { kind: 'directory', ...times });
        await walk(name);
      } else {
        const kind = info.isFile() ? 'file' : info.isSymbolicLink() ? 'symlink' : 'other';
        layer.set(path.join(root, name), { kind, ...times });
      }
    }
  };
  await walk('');
  return layer;
}
