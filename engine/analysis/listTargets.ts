// makescope/listTargets: the targets of a makefile project from the static model, default goal first.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileIndex } from './fileIndex';
import { pathToUri, uriToPath } from './uris';
import type { WorkspaceModel } from './workspaceModel';

export interface ListedTarget {
  name: string;
  uri: string;
  line: number;
  phony: boolean;
  pattern: boolean;
}

export interface ListTargetsResult {
  targets: ListedTarget[];
  defaultGoal?: string;
  /** The makefile the targets come from. */
  makefileUri?: string;
}

const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

/** `uri` is a makefile or a folder (then its GNUmakefile, makefile or Makefile, as make picks). */
export function listTargets(model: WorkspaceModel, uri: string): ListTargetsResult {
  const makefileUri = makefileFor(uri);
  if (!makefileUri) return { targets: [] };
  const project = model.project(makefileUri);
  const phony = new Set<string>();
  for (const file of project) {
    for (const target of file.targets)
      if (target.name === '.PHONY') for (const p of target.rule.prerequisites) phony.add(p.text);
  }
  const seen = new Set<string>();
  const targets: ListedTarget[] = [];
  for (const file of project) {
    for (const target of file.targets) {
      if (seen.has(target.name) || target.name.startsWith('.') || target.name.includes('$')) continue;
      seen.add(target.name);
      targets.push({
        name: target.name,
        uri: file.uri,
        line: target.word.range.start.line,
        phony: phony.has(target.name),
        pattern: target.name.includes('%'),
      });
    }
  }
  const defaultGoal = defaultGoalOf(project);
  if (defaultGoal) {
    const at = targets.findIndex((target) => target.name === defaultGoal);
    if (at > 0) targets.unshift(...targets.splice(at, 1));
  }
  return { targets, defaultGoal, makefileUri };
}

function makefileFor(uri: string): string | undefined {
  const filePath = uriToPath(uri);
  if (!filePath) return undefined;
  if (!isDirectory(filePath)) return uri;
  const found = MAKEFILE_NAMES.map((name) => path.join(filePath, name)).find((candidate) =>
    existsSync(candidate),
  );
  return found ? pathToUri(found) : undefined;
}

function isDirectory(filePath: string): boolean {
  try {
    return statSync(filePath).isDirectory();
  } catch {
    return false;
  }
}

/** `.DEFAULT_GOAL` when set, else the first target make would pick (not special, not a pattern). */
function defaultGoalOf(project: FileIndex[]): string | undefined {
  for (const file of project) {
    for (const variable of file.variables) {
      if (variable.name === '.DEFAULT_GOAL' && variable.statement.type === 'assignment') {
        const value = variable.statement.value.trim();
        if (value && !value.includes('$')) return value;
      }
    }
  }
  for (const file of project) {
    for (const target of file.targets) {
      const name = target.name;
      if (name.includes('%') || name.includes('$')) continue;
      if (name.startsWith('.') && !name.includes('/')) continue;
      return name;
    }
  }
  return undefined;
}
