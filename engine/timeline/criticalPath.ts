// The critical path through the declared graph: the chain of recipes whose durations bound the build at any -j.
import type { DeclaredGraph } from '../parallel/missingPrerequisites';
import { makeKey, type MakeGraph } from './makeDatabases';
import type { Speedup, TargetSpan } from './timelineTypes';

/** A span holding a deeper make level's spans (a sub-make's recipe) is a container, not work. */
export function isContainer(outer: TargetSpan, spans: readonly TargetSpan[]): boolean {
  return spans.some(
    (inner) => inner.level > outer.level && inner.start >= outer.start && inner.end <= outer.end,
  );
}

export function workSpans(spans: readonly TargetSpan[]): TargetSpan[] {
  return spans.filter((outer) => !isContainer(outer, spans));
}

/** Share of `wallSeconds` during which at least one span (a recipe or a read) ran. */
export function coverage(spans: readonly { start: number; end: number }[], wallSeconds: number): number {
  if (wallSeconds <= 0) return 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = -Infinity;
  for (const span of sorted) {
    const from = Math.max(span.start, reach);
    if (span.end > from) covered += span.end - from;
    reach = Math.max(reach, span.end);
  }
  return Math.min(1, covered / wallSeconds);
}

export function spanSeconds(chain: readonly TargetSpan[]): number {
  return chain.reduce((sum, span) => sum + (span.end - span.start), 0);
}

interface Chain {
  seconds: number;
  spans: TargetSpan[];
}

const NONE: Chain = { seconds: 0, spans: [] };

function longer(a: Chain, b: Chain): Chain {
  return b.seconds > a.seconds ? b : a;
}

/**
 * Longest chains in the graph each make declared: a recipe's chain is its duration after the
 * longest chain among its prerequisites (a target without a recipe passes its prerequisites'
 * chains on); a sub-make's recipe stands for the longest chain of the make it ran.
 */
class ChainFinder {
  private readonly byMake = new Map<string, Map<string, TargetSpan>>();
  private readonly spanChains = new Map<TargetSpan, Chain>();
  private readonly targetChains = new Map<string, Chain>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly spans: readonly TargetSpan[],
    private readonly graphs: ReadonlyMap<string, MakeGraph>,
    private readonly free?: TargetSpan,
  ) {
    for (const span of spans) {
      const key = makeKey(span.level, span.directory);
      const targets = this.byMake.get(key) ?? new Map<string, TargetSpan>();
      targets.set(span.target, span);
      this.byMake.set(key, targets);
    }
  }

  longest(): Chain {
    return this.spans.reduce((best, span) => longer(best, this.ofSpan(span)), NONE);
  }

  private graphOf(span: TargetSpan): DeclaredGraph | undefined {
    return this.graphs.get(makeKey(span.level, span.directory))?.graph;
  }

  private ofSpan(span: TargetSpan): Chain {
    const known = this.spanChains.get(span);
    if (known) return known;
    const before = this.ofPrerequisites(span.level, span.directory, span.target);
    const inner = this.spans.filter(
      (one) => one.level === span.level + 1 && one.start >= span.start && one.end <= span.end,
    );
    const own: Chain =
      inner.length > 0
        ? inner.reduce((best, one) => longer(best, this.ofSpan(one)), NONE)
        : { seconds: span === this.free ? 0 : span.end - span.start, spans: [span] };
    const chain = { seconds: before.seconds + own.seconds, spans: [...before.spans, ...own.spans] };
    this.spanChains.set(span, chain);
    return chain;
  }

  private ofPrerequisites(level: number, directory: string, target: string): Chain {
    const rule = this.graphs.get(makeKey(level, directory))?.graph.get(target);
    if (!rule) return NONE;
    return [...rule.prerequisites, ...rule.orderOnly].reduce(
      (best, name) => longer(best, this.ofTarget(level, directory, name)),
      NONE,
    );
  }

  private ofTarget(level: number, directory: string, target: string): Chain {
    const key = `${makeKey(level, directory)}|${target}`;
    const known = this.targetChains.get(key);
    if (known) return known;
    // A cycle make itself dropped ("Circular ... dependency dropped") adds nothing.
    if (this.visiting.has(key)) return NONE;
    this.visiting.add(key);
    const span = this.byMake.get(makeKey(level, directory))?.get(target);
    const chain = span ? this.ofSpan(span) : this.ofPrerequisites(level, directory, target);
    this.visiting.delete(key);
    this.targetChains.set(key, chain);
    return chain;
  }

  hasGraph(span: TargetSpan): boolean {
    return this.graphOf(span) !== undefined;
  }
}

/** The chain that bounded the build by what ran before what: the fallback without databases. */
function observedChain(spans: readonly TargetSpan[]): TargetSpan[] {
  const work = workSpans(spans);
  if (work.length === 0) return [];
  let current = work.reduce((a, b) => (b.end > a.end ? b : a));
  const chain = [current];
  for (;;) {
    const before = work.filter((span) => span.end <= current.start);
    if (before.length === 0) break;
    current = before.reduce((a, b) => (b.end > a.end ? b : a));
    chain.unshift(current);
  }
  return chain;
}

export interface CriticalPath {
  spans: TargetSpan[];
  seconds: number;
  from: 'declared' | 'observed';
}

export function criticalPath(
  spans: readonly TargetSpan[],
  graphs: ReadonlyMap<string, MakeGraph>,
): CriticalPath {
  const finder = new ChainFinder(spans, graphs);
  if (!spans.some((span) => finder.hasGraph(span))) {
    const chain = observedChain(spans);
    return { spans: chain, seconds: spanSeconds(chain), from: 'observed' };
  }
  const chain = finder.longest();
  return { spans: chain.spans, seconds: chain.seconds, from: 'declared' };
}

/** For each recipe on the path: how much shorter the path would be if it took no time; the `limit` best. */
export function speedups(
  spans: readonly TargetSpan[],
  graphs: ReadonlyMap<string, MakeGraph>,
  path: CriticalPath,
  limit = 3,
): Speedup[] {
  if (path.from === 'observed')
    return [...path.spans]
      .sort((a, b) => b.end - b.start - (a.end - a.start))
      .slice(0, limit)
      .map((span) => ({ ...keyOf(span), savesSeconds: span.end - span.start }));
  return path.spans
    .map((span) => ({
      ...keyOf(span),
      savesSeconds: path.seconds - new ChainFinder(spans, graphs, span).longest().seconds,
    }))
    .filter((speedup) => speedup.savesSeconds > 0)
    .sort((a, b) => b.savesSeconds - a.savesSeconds)
    .slice(0, limit);
}

function keyOf(span: TargetSpan): { target: string; level: number; directory: string } {
  return { target: span.target, level: span.level, directory: span.directory };
}
