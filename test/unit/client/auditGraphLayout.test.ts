// The audit graph view's choice of what to draw and where: the whole graph, or a target's neighbourhood when large.
import * as assert from 'node:assert/strict';
import type { AuditGraph } from '../../../contract/audit';
import { layout, shownPart, WHOLE_GRAPH_LIMIT } from '../../../client/src/features/audit/auditGraphLayout';

/** A chain of objects under one goal: all -> o0 … oN-1, each oI -> cI, and one missing prerequisite o1 -> o0. */
function objects(count: number): AuditGraph {
  const graph: AuditGraph = { nodes: [{ name: 'all', kind: 'target' }], edges: [] };
  for (let i = 0; i < count; i++) {
    graph.nodes.push({ name: `o${i}`, kind: 'target' }, { name: `c${i}`, kind: 'file' });
    graph.edges.push(
      { from: 'all', to: `o${i}`, kind: 'declared' },
      { from: `o${i}`, to: `c${i}`, kind: 'declared' },
    );
  }
  graph.edges.push({ from: 'o1', to: 'o0', kind: 'observed-only' });
  return graph;
}

describe('audit graph view: what is drawn', () => {
  it('draws a small graph whole, the goal above what it needs', () => {
    const shown = shownPart(objects(3));
    assert.equal(shown.around, undefined);
    assert.equal(shown.graph.nodes.length, 7);
    const placed = layout(shown.graph);
    const y = (name: string): number => placed.nodes.find((n) => n.name === name)?.y ?? -1;
    assert.ok(
      y('all') < y('o1') && y('o1') < y('o0') && y('o0') < y('c0'),
      'all, then o1, then o0 (o1 needs it), then c0',
    );
    for (const a of placed.nodes)
      for (const b of placed.nodes)
        if (a !== b && a.y === b.y)
          assert.ok(a.x + a.width <= b.x || b.x + b.width <= a.x, `${a.name} overlaps ${b.name}`);
  });

  it('over the limit, draws the neighbourhood of the finding, not the whole', () => {
    const graph = objects(WHOLE_GRAPH_LIMIT);
    const shown = shownPart(graph);
    assert.equal(shown.around, 'o1');
    assert.ok(shown.graph.nodes.length < 50 && shown.graph.nodes.length < graph.nodes.length);
    assert.ok(shown.graph.nodes.some((n) => n.name === 'o0'));
    assert.match(shown.scope, /too many to draw: o1 with what it needs and what needs it, 2 edges each way/);
  });

  it('a selected target shows its neighbourhood; an unknown name falls back to the whole graph', () => {
    const shown = shownPart(objects(5), 'c3');
    assert.deepEqual(shown.graph.nodes.map((n) => n.name).sort(), ['all', 'c3', 'o3']);
    assert.deepEqual(shown.graph.edges.map((e) => `${e.from}->${e.to}`).sort(), ['all->o3', 'o3->c3']);
    assert.equal(shownPart(objects(5), 'nothing').graph.nodes.length, 11);
  });

  it('a cycle in a traced graph does not stop the layout', () => {
    const placed = layout({
      nodes: [
        { name: 'a', kind: 'target' },
        { name: 'b', kind: 'target' },
      ],
      edges: [
        { from: 'a', to: 'b', kind: 'declared' },
        { from: 'b', to: 'a', kind: 'observed-only' },
      ],
    });
    assert.equal(placed.nodes.length, 2);
  });
});
