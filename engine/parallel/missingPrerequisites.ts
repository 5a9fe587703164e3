// Pure: reads and writes per target against the declared prerequisite graph -> unordered accesses (races).
import type { TargetAccess } from './straceAccessParser';
import type { FindingKind } from './parallelTypes';
import { sortFindings } from './findingOrder';

export interface DeclaredRule {
  prerequisites: string[];
  orderOnly: string[];
}

/** Target name -> its declared prerequisites, as make's database lists them after the build. */
export type DeclaredGraph = Map<string, DeclaredRule>;

export interface RaceFinding {
  kind: FindingKind;
  /** The target that reads (or needs) the path; for conflicting writes, the first writer. */
  target: string;
  /** The target that writes the path (or the second writer). */
  otherTarget: string;
  file: string;
}

function normalize(name: string): string {
  let result = name;
  while (result.startsWith('./')) result = result.slice(2);
  return result;
}

/**
 * The ordering make guarantees: X runs after everything X depends on (normal or order-only) and,
 * with make 4.4's `.WAIT`, after everything listed before the `.WAIT` in a prerequisite list.
 */
export class Ordering {
  private readonly edges = new Map<string, Set<string>>();
  private readonly closures = new Map<string, Set<string>>();

  constructor(graph: DeclaredGraph) {
    for (const [target, rule] of graph) {
      const before: string[] = [];
      for (const raw of [...rule.prerequisites, ...rule.orderOnly]) {
        if (raw === '.WAIT') {
          before.push('.WAIT');
          continue;
        }
        const name = normalize(raw);
        this.add(normalize(target), name);
        const wait = before.lastIndexOf('.WAIT');
        for (const earlier of before.slice(0, Math.max(wait, 0)))
          if (earlier !== '.WAIT') this.add(name, earlier);
        before.push(name);
      }
    }
  }

  private add(from: string, to: string): void {
    let set = this.edges.get(from);
    if (!set) this.edges.set(from, (set = new Set()));
    set.add(to);
  }

  /** Everything `target` waits for, directly or through a chain. */
  dependencies(target: string): Set<string> {
    const known = this.closures.get(target);
    if (known) return known;
    const seen = new Set<string>();
    const stack = [...(this.edges.get(target) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(this.edges.get(next) ?? []));
    }
    this.closures.set(target, seen);
    return seen;
  }

  /** True when a declared chain puts one of the two before the other. */
  ordered(a: string, b: string): boolean {
    return (
      this.dependencies(normalize(a)).has(normalize(b)) || this.dependencies(normalize(b)).has(normalize(a))
    );
  }
}

function writersOf(
  accesses: TargetAccess[],
  pick: (access: TargetAccess) => Set<string>,
): Map<string, string[]> {
  const writers = new Map<string, string[]>();
  for (const access of accesses) {
    for (const file of pick(access)) {
      const list = writers.get(file) ?? [];
      list.push(access.target);
      writers.set(file, list);
    }
  }
  return writers;
}

export function findRaces(access: Map<string, TargetAccess>, graph: DeclaredGraph): RaceFinding[] {
  const ordering = new Ordering(graph);
  const accesses = [...access.values()].sort((a, b) => (a.target < b.target ? -1 : 1));
  const fileWriters = writersOf(accesses, (a) => a.writes);
  const directoryCreators = writersOf(accesses, (a) => a.createdDirectories);
  const findings: RaceFinding[] = [];
  const seen = new Set<string>();
  const report = (finding: RaceFinding): void => {
    const key = `${finding.kind}\0${finding.target}\0${finding.otherTarget}\0${finding.file}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };

  for (const reader of accesses) {
    for (const file of reader.reads) {
      if (reader.writes.has(file)) continue;
      for (const writer of fileWriters.get(file) ?? []) {
        if (writer !== reader.target && !ordering.ordered(reader.target, writer))
          report({ kind: 'missing-prerequisite', target: reader.target, otherTarget: writer, file });
      }
    }
    for (const directory of reader.neededDirectories) {
      if (reader.ensuredDirectories.has(directory) || reader.createdDirectories.has(directory)) continue;
      for (const creator of directoryCreators.get(directory) ?? []) {
        if (creator !== reader.target && !ordering.ordered(reader.target, creator))
          report({
            kind: 'missing-order-only-directory',
            target: reader.target,
            otherTarget: creator,
            file: directory,
          });
      }
    }
  }
  for (const [file, writers] of fileWriters) {
    for (let i = 0; i < writers.length; i++) {
      for (let j = i + 1; j < writers.length; j++) {
        if (!ordering.ordered(writers[i], writers[j]))
          report({ kind: 'conflicting-writes', target: writers[i], otherTarget: writers[j], file });
      }
    }
  }
  const rank: Record<FindingKind, number> = {
    'missing-prerequisite': 0,
    'missing-order-only-directory': 1,
    'conflicting-writes': 2,
  };
  return sortFindings(findings, rank);
}

/** The declared graph from make's database files (targets with their prerequisite lists). */
export function declaredGraph(
  files: readonly { name: string; prerequisites: string[]; orderOnly: string[] }[],
): DeclaredGraph {
  const graph: DeclaredGraph = new Map();
  for (const file of files) {
    const known = graph.get(file.name);
    if (known) {
      known.prerequisites.push(...file.prerequisites);
      known.orderOnly.push(...file.orderOnly);
    } else graph.set(file.name, { prerequisites: [...file.prerequisites], orderOnly: [...file.orderOnly] });
  }
  return graph;
}
