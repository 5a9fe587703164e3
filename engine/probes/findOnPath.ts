// Finds an executable on PATH without starting a process (strace is optional: probes say when it is missing).
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';

export async function findOnPath(program: string): Promise<string | undefined> {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (folder === '') continue;
    const candidate = path.join(folder, program);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
