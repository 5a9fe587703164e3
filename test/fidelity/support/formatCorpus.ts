// Makefiles grouped by the tree they live in: the suite's own (fixtures, examples) and the real projects.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const cache = path.join(repoRoot, '.cache');

export interface MakefileTree {
  name: string;
  /** The tree that is copied whole before make runs in it (makefiles include and $(shell) their neighbours). */
  root: string;
  /** Makefiles under root, relative to it. */
  makefiles: string[];
}

const MAKEFILE_NAME = /^(GNUmakefile|[Mm]akefile(\d|\..*)?|.*\.mk|.*\.make)$/;

async function findMakefiles(root: string, under = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(path.join(root, under), { withFileTypes: true })) {
    const relative = path.join(under, entry.name);
    if (entry.isDirectory()) found.push(...(await findMakefiles(root, relative)));
    else if (entry.isFile() && MAKEFILE_NAME.test(entry.name)) found.push(relative);
  }
  return found;
}

function require(dir: string, how: string): void {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: ${how}`);
}

/** The makefiles under each root. */
export async function treesOf(roots: { name: string; root: string }[]): Promise<MakefileTree[]> {
  const found: MakefileTree[] = [];
  for (const { name, root } of roots) found.push({ name, root, makefiles: await findMakefiles(root) });
  return found;
}

/** The suite's own makefiles: fixtures and examples. */
export function suiteTrees(): Promise<MakefileTree[]> {
  return treesOf([
    { name: 'fixtures', root: path.join(repoRoot, 'test', 'fixtures') },
    { name: 'examples', root: path.join(repoRoot, 'examples') },
  ]);
}

/** Each real project fetched by scripts/fetch-real-projects.sh (the realworld layer fetches them first). */
export async function realProjectTrees(): Promise<MakefileTree[]> {
  const realProjects = path.join(cache, 'real-projects');
  require(realProjects, "run 'bash scripts/fetch-real-projects.sh' (see test/realworld)");
  const roots: { name: string; root: string }[] = [];
  for (const entry of await fs.readdir(realProjects, { withFileTypes: true }))
    if (entry.isDirectory() && entry.name !== 'downloads')
      roots.push({ name: `real-projects/${entry.name}`, root: path.join(realProjects, entry.name) });
  return treesOf(roots);
}
