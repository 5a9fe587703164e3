// Every Makefile the suite has, grouped by the tree it lives in: fixtures, examples, the bench corpus, the real projects.
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

const MAKEFILE_NAME = /^(GNUmakefile|[Mm]akefile(\..*)?|.*\.mk)$/;

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

export async function makefileTrees(): Promise<MakefileTree[]> {
  const benchCorpus = path.join(cache, 'bench-corpus');
  const realProjects = path.join(cache, 'real-projects');
  require(benchCorpus, "run 'npm run bench' once to generate the bench corpus");
  require(realProjects, "run 'bash scripts/fetch-real-projects.sh' (see test/realworld)");
  const roots: { name: string; root: string }[] = [
    { name: 'fixtures', root: path.join(repoRoot, 'test', 'fixtures') },
    { name: 'examples', root: path.join(repoRoot, 'examples') },
  ];
  for (const entry of await fs.readdir(benchCorpus, { withFileTypes: true }))
    if (entry.isDirectory())
      roots.push({ name: `bench-corpus/${entry.name}`, root: path.join(benchCorpus, entry.name) });
  for (const entry of await fs.readdir(realProjects, { withFileTypes: true }))
    if (entry.isDirectory() && entry.name !== 'downloads')
      roots.push({ name: `real-projects/${entry.name}`, root: path.join(realProjects, entry.name) });
  const trees: MakefileTree[] = [];
  for (const { name, root } of roots) trees.push({ name, root, makefiles: await findMakefiles(root) });
  return trees;
}
