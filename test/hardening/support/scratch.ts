// Throw-away project folders written from a map of file names to contents, with old timestamps.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Taken once at load: tests that point TMPDIR at a small tmpfs for probes keep their projects elsewhere.
const base = tmpdir();

export interface Scratch {
  /** The project directory (inside a private temp root). */
  directory: string;
  /** The private temp root, for files that must live outside the project (logs, canaries). */
  root: string;
  dispose(): Promise<void>;
}

/** Writes `files` (relative paths) into a new project; every file and folder gets a time an hour ago. */
export async function scratchProject(
  files: Record<string, string | Buffer>,
  name = 'project',
): Promise<Scratch> {
  const root = await mkdtemp(path.join(base, 'makescope-hardening-'));
  const directory = path.join(root, name);
  await mkdir(directory, { recursive: true });
  const old = new Date(Date.now() - 3600_000);
  const folders = new Set<string>([directory]);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(directory, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    await utimes(file, old, old);
    for (let up = path.dirname(file); up.startsWith(directory); up = path.dirname(up)) folders.add(up);
  }
  // Deepest first, so writing a child does not change its parent's time again.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) await utimes(folder, old, old);
  return { directory, root, dispose: () => rm(root, { recursive: true, force: true }) };
}
