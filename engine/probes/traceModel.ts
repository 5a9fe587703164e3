// Turns a parsed trace into located targets (project paths) and a target -> prerequisite tree.
import * as path from 'node:path';
import { isPhony, type TraceReason, type TraceResult } from './parsers/traceParser';

export interface LocatedTarget {
  name: string;
  /** Directory make ran in for this target (project path). */
  directory: string;
  /** Makefile and line of the target's recipe (project path), when make said. */
  file?: string;
  line?: number;
  reason: TraceReason;
  phony: boolean;
  recipe: string[];
  makeLevel: number;
  /** Directories of sub-makes this target's recipe started. */
  subMakes: string[];
  /** How many prerequisites its rule names, when make's database (-p) was read with the trace. */
  prerequisiteCount?: number;
}

export interface TraceNode {
  target: LocatedTarget;
  /** Prerequisites that make also rebuilt, and the top targets of sub-makes started from the recipe. */
  children: TraceNode[];
}

// Before 4.4, --trace names all prerequisites ("due to: a b") for a target that does not exist;
// under -n nothing is created, so the file system tells the two cases apart. A target that exists
// and is "newer" only than prerequisites that never exist (FORCE, phony names) is forced.
function reasonOf(reason: TraceReason, base: string, name: string, exists?: FileCheck): TraceReason {
  if (!exists || reason.kind !== 'newer-prerequisites') return reason;
  if (!exists(path.resolve(base, name))) return { ...reason, kind: 'missing' };
  const forced = reason.prerequisites.every((prerequisite) => !exists(path.resolve(base, prerequisite)));
  return forced ? { ...reason, kind: 'forced' } : reason;
}

/** Whether a file exists as the probe's make runs saw it (isolated runs see their own writes). */
export type FileCheck = (file: string) => boolean;

/** `exists`: the run was a dry run in `runDirectory`, so target files can be checked as it saw them. */
export function locateTargets(
  trace: TraceResult,
  runDirectory: string,
  toProjectPath: (file: string, base?: string) => string,
  exists?: FileCheck,
): LocatedTarget[] {
  const directoryOf = (session: number): string => trace.sessions[session].directory ?? runDirectory;
  return trace.targets.map((target) => {
    const base = directoryOf(target.session);
    const prerequisites = trace.sessions[target.session].prerequisites.get(target.name);
    return {
      name: target.name,
      directory: toProjectPath('.', base),
      file: target.file === undefined ? undefined : toProjectPath(target.file, base),
      line: target.line,
      reason: reasonOf(target.reason, base, target.name, exists),
      phony: isPhony(trace, target),
      recipe: target.recipe,
      makeLevel: trace.sessions[target.session].level,
      subMakes: target.subMakes.map((id) => toProjectPath('.', directoryOf(id))),
      ...(prerequisites ? { prerequisiteCount: prerequisites.length } : {}),
    };
  });
}

/** Builds the tree: a target's children are its rebuilt prerequisites (same make) and its sub-makes' roots. */
export function buildTraceTree(trace: TraceResult, located: LocatedTarget[]): TraceNode[] {
  const nodes = located.map((target) => ({ target, children: [] as TraceNode[] }));
  const hasParent = new Set<number>();
  for (const session of trace.sessions) {
    const byName = new Map<string, number>();
    for (const index of session.targets) byName.set(trace.targets[index].name, index);
    for (const index of session.targets) {
      const target = trace.targets[index];
      const prerequisites = new Set([
        ...target.reason.prerequisites,
        ...(session.prerequisites.get(target.name) ?? []),
      ]);
      for (const prerequisite of prerequisites) {
        const child = byName.get(prerequisite);
        if (child !== undefined && child !== index && !hasParent.has(child)) {
          nodes[index].children.push(nodes[child]);
          hasParent.add(child);
        }
      }
    }
  }
  for (const session of trace.sessions) {
    if (session.parentTarget === undefined) continue;
    for (const index of session.targets) {
      if (hasParent.has(index)) continue;
      nodes[session.parentTarget].children.push(nodes[index]);
      hasParent.add(index);
    }
  }
  return nodes.filter((_, index) => !hasParent.has(index));
}

export function relativeTo(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}
