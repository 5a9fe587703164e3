// Finds the makefiles under the workspace folders, without blocking the server for long.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const MAKEFILE_NAME = /^(GNUmakefile|[Mm]akefile(\..+)?|.+\.(mk|make|mak))$/;
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn', '.vscode-test', '__pycache__']);

export interface ScanLimits {
  maxFiles: number;
  maxDirectories: number;
}

/** Breadth-first walk; stops quietly at the limits (a huge tree must not stall start-up). */
export async function findMakefiles(roots: string[], limits: ScanLimits): Promise<string[]> {
  const found: string[] = [];
  const queue = [...roots];
  let directories = 0;
  while (queue.length > 0 && found.length < limits.maxFiles && directories < limits.maxDirectories) {
    const directory = queue.shift() as string;
    directories++;
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) queue.push(path.join(directory, entry.name));
      } else if (entry.isFile() && MAKEFILE_NAME.test(entry.name)) {
        found.push(path.join(directory, entry.name));
        if (found.length >= limits.maxFiles) break;
      }
    }
  }
  return found;
}
