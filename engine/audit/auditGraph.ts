// Pure: the graph the audit view draws: make's declared edges with the audit's findings laid over them.
import type { DeclaredGraph } from '../parallel/missingPrerequisites';
import type { MakefileLocation } from '../parallel/parallelTypes';
import type { AuditFinding, AuditGraph, AuditGraphEdge, AuditGraphNode } from './auditTypes';

function normalize(name: string): string {
  let result = name;
  while (result.startsWith('./')) result = result.slice(2);
  return result;
}

/**
 * Nodes: every target of the declared graph, its prerequisites and the side outputs. Edges point from
 * a target to what it needs: declared (normal or order-only), declared but never read, observed only
 * (a read of another target's output, or a directory it creates, that no declared path orders), and
 * a side output (a file the target's recipe wrote that no rule names).
 */
export function auditGraph(
  declared: DeclaredGraph,
  findings: readonly AuditFinding[],
  rules: ReadonlyMap<string, MakefileLocation>,
  goals: readonly string[] = [],
): AuditGraph {
  const nodes = new Map<string, AuditGraphNode>();
  const node = (name: string, kind: AuditGraphNode['kind']): void => {
    const known = nodes.get(name);
    if (known) {
      if (kind === 'target') known.kind = 'target';
      return;
    }
    const rule = rules.get(name);
    nodes.set(name, { name, kind, ...(rule ? { rule } : {}) });
  };
  const edges = new Map<string, AuditGraphEdge>();
  const edge = (from: string, to: string, kind: AuditGraphEdge['kind']): void => {
    edges.set(`${from}\0${to}`, { from, to, kind });
  };
  for (const [raw, rule] of declared) {
    const target = normalize(raw);
    node(target, 'target');
    for (const prerequisite of rule.prerequisites.map(normalize)) {
      if (prerequisite === '.WAIT') continue;
      node(prerequisite, 'file');
      edge(target, prerequisite, 'declared');
    }
    for (const prerequisite of rule.orderOnly.map(normalize)) {
      if (prerequisite === '.WAIT') continue;
      node(prerequisite, 'file');
      edge(target, prerequisite, 'order-only');
    }
  }
  for (const finding of findings) {
    const { target, otherTarget, file } = finding;
    switch (finding.kind) {
      case 'missing-prerequisite':
      case 'missing-order-only-prerequisite':
        if (otherTarget === undefined) break;
        node(target, 'target');
        node(otherTarget, 'target');
        edge(target, otherTarget, 'observed-only');
        break;
      case 'unread-prerequisite':
        node(target, 'target');
        node(file, 'file');
        edge(target, file, 'unread');
        break;
      case 'side-output':
        node(target, 'target');
        node(file, 'side-output');
        edge(target, file, 'side-output');
        break;
      default:
        break;
    }
  }
  return goalsOnly({ nodes: [...nodes.values()], edges: [...edges.values()] }, goals.map(normalize));
}

/** What the goals reach (the targets this build is about), when the goals are in the graph. */
function goalsOnly(graph: AuditGraph, goals: string[]): AuditGraph {
  const names = new Set(graph.nodes.map((n) => n.name));
  const roots = goals.filter((goal) => names.has(goal));
  if (roots.length === 0) return graph;
  const out = new Map<string, string[]>();
  for (const e of graph.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const reached = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    stack.push(...(out.get(name) ?? []));
  }
  return {
    nodes: graph.nodes.filter((n) => reached.has(n.name)),
    edges: graph.edges.filter((e) => reached.has(e.from) && reached.has(e.to)),
  };
}
