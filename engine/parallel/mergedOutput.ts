// A fixed wrapper that runs a program with stderr on stdout, so make's --output-sync keeps a target's lines together.
import { chmod, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

// When make's stdout and stderr are one file, --output-sync=target collects a recipe's output and
// errors in one buffer, in order; with two pipes they would come apart. The script is constant:
// the program and its arguments arrive as an argument array and are never parsed by a shell.
const WRAPPER = '#!/bin/sh\n# makescope: run "$@" with stderr merged into stdout\nexec "$@" 2>&1\n';

/** Writes the wrapper into `folder` (a private temp folder of the probe) and returns its path. */
export async function writeMergeWrapper(folder: string): Promise<string> {
  const file = path.join(folder, 'merge-stderr.sh');
  await writeFile(file, WRAPPER, { mode: 0o700 });
  await chmod(file, 0o700);
  return file;
}
