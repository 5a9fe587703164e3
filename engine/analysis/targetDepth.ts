// The depth of a target: edges on the longest chain of normal prerequisites down to a file none lists.
//
// depth(T) = 0 when T has no normal prerequisite, else 1 + the largest depth among them. Order-only
// prerequisites (after `|`) are not followed: a change in them never makes T out of date. A phony
// target is a node like any other (`all → app` is one edge). An edge that leads back to a target on
// the chain being walked is dropped, as make drops it ("Circular B <- A dependency dropped."), so the
// answer depends on where the walk starts, as make's does. Each target's answer is kept: asking for
// every target of a graph costs one walk of its edges, with a stack of its own (a chain of 100,000
// targets would overflow the call stack).

/** The prerequisites make knows, by target; one source each (make's database, or the makefiles' text). */
export interface DependencyGraph {
  /** Normal prerequisites in make's order (empty for a file no rule names); undefined for a name the graph lacks. */
  prerequisites(name: string): readonly string[] | undefined;
  /** A prerequisite written for `name` that make already dropped as circular before this graph was read. */
  droppedFrom?(name: string): string | undefined;
  /** Whether make never looked at `name` (its pattern rules were not applied, so its prerequisites may be short). */
  unchecked?(name: string): boolean;
}

export interface TargetDepth {
  depth: number;
  /** The longest chain, from the target to a file without prerequisites (ties: make's order, first wins). */
  chain: string[];
  /** An edge dropped as circular below the target (from → to), the first met. */
  circular?: { from: string; to: string };
  /** A file below the target make never looked at (its count may miss prerequisites pattern rules give it). */
  unchecked?: string;
}

interface Known {
  depth: number;
  next?: string;
  circular?: { from: string; to: string };
  unchecked?: string;
}

interface Frame {
  name: string;
  children: readonly string[];
  at: number;
  found: Known;
}

export class TargetDepths {
  private readonly known = new Map<string, Known>();

  constructor(private readonly graph: DependencyGraph) {}

  /** The depth of `name`, or undefined when the graph does not know it. */
  of(name: string): TargetDepth | undefined {
    const found = this.known.get(name) ?? this.walk(name);
    if (!found) return undefined;
    const chain = [name];
    for (let next = found.next; next !== undefined; next = this.known.get(next)?.next) chain.push(next);
    return {
      depth: found.depth,
      chain,
      ...(found.circular ? { circular: found.circular } : {}),
      ...(found.unchecked !== undefined ? { unchecked: found.unchecked } : {}),
    };
  }

  private walk(root: string): Known | undefined {
    const start = this.frame(root);
    if (!start) return undefined;
    const stack: Frame[] = [start];
    const onChain = new Set<string>([root]);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.at < frame.children.length) {
        const child = frame.children[frame.at++];
        if (onChain.has(child)) {
          frame.found.circular ??= { from: frame.name, to: child };
          continue;
        }
        const known = this.known.get(child);
        if (known) absorb(frame.found, child, known);
        else {
          const inner = this.frame(child);
          if (inner) {
            stack.push(inner);
            onChain.add(child);
          } else {
            // A name the graph lacks is a file no rule names: a leaf.
            const leaf: Known = { depth: 0 };
            this.known.set(child, leaf);
            absorb(frame.found, child, leaf);
          }
        }
        continue;
      }
      stack.pop();
      onChain.delete(frame.name);
      this.known.set(frame.name, frame.found);
      const parent = stack[stack.length - 1];
      if (parent) absorb(parent.found, frame.name, frame.found);
    }
    return this.known.get(root);
  }

  private frame(name: string): Frame | undefined {
    const children = this.graph.prerequisites(name);
    if (!children) return undefined;
    const found: Known = { depth: 0 };
    const dropped = this.graph.droppedFrom?.(name);
    if (dropped !== undefined) found.circular = { from: name, to: dropped };
    if (this.graph.unchecked?.(name)) found.unchecked = name;
    return { name, children, at: 0, found };
  }
}

/** Takes a finished prerequisite's answer into its target's: one more edge, and what it saw below. */
function absorb(into: Known, child: string, known: Known): void {
  if (into.next === undefined || known.depth + 1 > into.depth) {
    into.depth = known.depth + 1;
    into.next = child;
  }
  into.circular ??= known.circular;
  into.unchecked ??= known.unchecked;
}
