// Pure: which part of the audit graph to draw (the whole, or a target's neighbourhood) and where each node goes.
import type { AuditGraph, AuditGraphEdge, AuditGraphNode } from '../../../../contract/audit';

/** Over this many nodes the view draws the selected target's neighbourhood, not the whole graph. */
export const WHOLE_GRAPH_LIMIT = 2000;
/** How many steps (along edges, either way) from the selected target the neighbourhood reaches. */
export const NEIGHBOURHOOD_STEPS = 2;

export interface Shown {
  graph: AuditGraph;
  /** The target the neighbourhood is around, when not the whole graph. */
  around?: string;
  /** Why this part is shown (for the line above the picture). */
  scope: string;
}

/**
 * What `center` needs and what needs it, up to `steps` edges each way (not its siblings: through a goal
 * such as `all` everything is two edges apart), at most WHOLE_GRAPH_LIMIT nodes, nearest first.
 */
export function neighbourhood(graph: AuditGraph, center: string, steps = NEIGHBOURHOOD_STEPS): AuditGraph {
  const down = new Map<string, string[]>();
  const up = new Map<string, string[]>();
  for (const { from, to } of graph.edges) {
    down.set(from, [...(down.get(from) ?? []), to]);
    up.set(to, [...(up.get(to) ?? []), from]);
  }
  const reached = new Set([center]);
  for (const next of [down, up]) {
    let frontier = [center];
    for (let step = 0; step < steps; step++) {
      const following: string[] = [];
      for (const name of frontier)
        for (const other of next.get(name) ?? [])
          if (!reached.has(other) && reached.size < WHOLE_GRAPH_LIMIT) {
            reached.add(other);
            following.push(other);
          }
      frontier = following;
    }
  }
  return {
    nodes: graph.nodes.filter((n) => reached.has(n.name)),
    edges: graph.edges.filter((e) => reached.has(e.from) && reached.has(e.to)),
  };
}

/** The first node with an audit finding's edge (observed-only first), else the first target. */
function interestingTarget(graph: AuditGraph): string | undefined {
  const rank: AuditGraphEdge['kind'][] = ['observed-only', 'unread', 'side-output'];
  for (const kind of rank) {
    const edge = graph.edges.find((e) => e.kind === kind);
    if (edge) return edge.from;
  }
  return graph.nodes.find((n) => n.kind === 'target')?.name;
}

/** What to draw: the whole graph, or (selected, or when large) a target's neighbourhood. */
export function shownPart(graph: AuditGraph, selected?: string): Shown {
  if (selected && graph.nodes.some((n) => n.name === selected))
    return {
      graph: neighbourhood(graph, selected),
      around: selected,
      scope: `${selected} with what it needs and what needs it, ${NEIGHBOURHOOD_STEPS} edges each way`,
    };
  if (graph.nodes.length <= WHOLE_GRAPH_LIMIT)
    return { graph, scope: `the whole graph: ${graph.nodes.length} files, ${graph.edges.length} edges` };
  const around = interestingTarget(graph);
  if (!around) return { graph: { nodes: [], edges: [] }, scope: 'no target to show' };
  return {
    graph: neighbourhood(graph, around),
    around,
    scope: `${graph.nodes.length} files are too many to draw: ${around} with what it needs and what needs it, ${NEIGHBOURHOOD_STEPS} edges each way (type a target to move)`,
  };
}

export interface PlacedNode extends AuditGraphNode {
  x: number;
  y: number;
  width: number;
}

export interface Layout {
  nodes: PlacedNode[];
  edges: AuditGraphEdge[];
  width: number;
  height: number;
}

export const NODE_HEIGHT = 24;
const ROW = 70;
const GAP = 16;
const MARGIN = 12;

function widthOf(name: string): number {
  return Math.min(260, 16 + 7 * name.length);
}

/**
 * Layers by longest path from the goals (a target above what it needs), each layer ordered by the
 * mean position of the nodes that point at it: a small Sugiyama-style layout, enough for a build graph.
 */
export function layout(graph: AuditGraph): Layout {
  const names = graph.nodes.map((n) => n.name);
  const incoming = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of graph.edges) incoming.get(e.to)?.push(e.from);
  const layer = new Map<string, number>(names.map((n) => [n, 0]));
  // Longest path by relaxation; bounded so a cycle (make drops it, a trace may not) cannot loop.
  for (let round = 0; round < names.length; round++) {
    let changed = false;
    for (const e of graph.edges) {
      const wanted = (layer.get(e.from) ?? 0) + 1;
      if (e.from !== e.to && wanted > (layer.get(e.to) ?? 0) && wanted < names.length) {
        layer.set(e.to, wanted);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows: AuditGraphNode[][] = [];
  for (const node of graph.nodes) (rows[layer.get(node.name) ?? 0] ??= []).push(node);
  const centre = new Map<string, number>();
  const placed: PlacedNode[] = [];
  let width = 0;
  rows.forEach((row, index) => {
    const mean = (node: AuditGraphNode): number => {
      const parents = (incoming.get(node.name) ?? [])
        .map((p) => centre.get(p))
        .filter((x) => x !== undefined);
      return parents.length === 0 ? Infinity : parents.reduce((a, b) => a + b, 0) / parents.length;
    };
    const ordered = [...row].sort((a, b) => mean(a) - mean(b) || a.name.localeCompare(b.name));
    let x = MARGIN;
    for (const node of ordered) {
      const w = widthOf(node.name);
      placed.push({ ...node, x, y: MARGIN + index * ROW, width: w });
      centre.set(node.name, x + w / 2);
      x += w + GAP;
    }
    width = Math.max(width, x);
  });
  return {
    nodes: placed,
    edges: graph.edges,
    width: width + MARGIN,
    height: MARGIN * 2 + Math.max(1, rows.length) * ROW,
  };
}
