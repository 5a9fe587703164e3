// Longest chains in the graph each make declared: a recipe's chain is its duration after the longest chain
// among its prerequisites (a target without a recipe passes its prerequisites' chains on); a sub-make's recipe
// stands for the longest chain of the make it ran. Walked with a stack of its own, not the call stack (a chain
// of 100,000 targets would overflow it), making the same calls in the same order as the recursion it replaced.
// A make that remade one of its makefiles read them again before anything else (a restart): every recipe it ran
// after that read waits for the ones it ran before (the remade makefiles), whatever the graph declares.
import { makeKey, type MakeGraph } from './makeDatabases';
import { SpanNesting } from './spanNesting';
import type { ReadSpan, TargetSpan } from './timelineTypes';

/** A chain as a tree of joins, so that joining copies nothing; `spansOf` lists it. */
export interface Chain {
  seconds: number;
  span?: TargetSpan;
  before?: Chain;
  after?: Chain;
}

const NONE: Chain = { seconds: 0 };

function longer(a: Chain, b: Chain): Chain {
  return b.seconds > a.seconds ? b : a;
}

/** The chain's spans, first to last. */
export function spansOf(chain: Chain): TargetSpan[] {
  const spans: TargetSpan[] = [];
  const todo: Chain[] = [chain];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (next.span) spans.push(next.span);
    if (next.after) todo.push(next.after);
    if (next.before) todo.push(next.before);
  }
  return spans;
}

/** A call in progress: what the recursion kept in its locals; `first` is the call it makes first. */
type Call =
  | {
      kind: 'span';
      span: TargetSpan;
      first: Chain | Call;
      before?: Chain;
      inner: TargetSpan[];
      next: number;
      best: Chain;
      /** The longest chain its make ran before reading its makefiles again (a restart), or NONE. */
      restart: Chain;
    }
  | { kind: 'prerequisites'; make: MakeTargets; names: readonly string[]; next: number; best: Chain }
  | { kind: 'target'; make: MakeTargets; target: string; first: Call; started: boolean };

/** One make's targets in a walk: their chains found, and those being found (to stop at a cycle). */
interface MakeTargets {
  key: string;
  chains: Map<string, Chain>;
  visiting: Set<string>;
}

const isCall = (value: Chain | Call): value is Call => 'kind' in value;

/** The chain of `span` after `before` (a chain object of its own only when `before` holds something). */
function after(before: Chain, own: Chain): Chain {
  return before === NONE ? own : { seconds: before.seconds + own.seconds, before, after: own };
}

/** The spans and graphs of one build, indexed once for every walk over them. */
export class DeclaredChains {
  private readonly byMake = new Map<string, Map<string, TargetSpan>>();
  /** Each span's make: `makeKey(level, directory)`. */
  readonly makeOf = new Map<TargetSpan, string>();
  private readonly nesting: SpanNesting;
  private readonly innerOf = new Map<TargetSpan, TargetSpan[]>();
  /** Each span a make ran after reading its makefiles again: the spans that make ran before (what it remade). */
  private readonly afterRestart = new Map<TargetSpan, TargetSpan[]>();

  constructor(
    readonly spans: readonly TargetSpan[],
    readonly graphs: ReadonlyMap<string, MakeGraph>,
    reads: readonly ReadSpan[] = [],
  ) {
    this.nesting = new SpanNesting(spans);
    for (const span of spans) {
      const key = makeKey(span.level, span.directory);
      this.makeOf.set(span, key);
      const targets = this.byMake.get(key) ?? new Map<string, TargetSpan>();
      targets.set(span.target, span);
      this.byMake.set(key, targets);
    }
    this.findRestarts(reads);
  }

  /**
   * A make process with two reads or more restarted: its spans (by level and directory) that ended by its last
   * read's start ran before the restart, and those that started after it wait for them.
   */
  private findRestarts(reads: readonly ReadSpan[]): void {
    const byProcess = new Map<number, ReadSpan[]>();
    for (const read of reads) {
      if (read.directory === undefined) continue;
      const list = byProcess.get(read.pid);
      if (list) list.push(read);
      else byProcess.set(read.pid, [read]);
    }
    for (const [pid, list] of byProcess) {
      if (list.length < 2) continue;
      const first = Math.min(...list.map((read) => read.start));
      const last = Math.max(...list.map((read) => read.start));
      const { level, directory } = list[0];
      const key = makeKey(level, directory as string);
      // Another make of the same level and directory that started reading later (`$(MAKE) -C sub` run twice)
      // began after this one: its spans are its own.
      const until = Math.min(
        ...reads
          .filter((read) => read.pid !== pid && read.level === level && read.directory === directory)
          .map((read) => read.start)
          .filter((start) => start > last),
      );
      const own = this.spans.filter(
        (span) => this.makeOf.get(span) === key && span.start >= first && span.start < until,
      );
      const before = own.filter((span) => span.end <= last);
      if (before.length === 0) continue;
      for (const span of own) if (span.start >= last) this.afterRestart.set(span, before);
    }
  }

  /** The spans `span`'s make ran before it read its makefiles again, when `span` ran after that read. */
  ranBefore(span: TargetSpan): readonly TargetSpan[] | undefined {
    return this.afterRestart.get(span);
  }

  hasGraph(span: TargetSpan): boolean {
    return this.graphs.get(makeKey(span.level, span.directory))?.graph !== undefined;
  }

  /** The longest chain of the build; with `free`, as if that recipe took no time. */
  longest(free?: TargetSpan): Chain {
    return new ChainWalk(this, free).longest();
  }

  spanOf(make: string, target: string): TargetSpan | undefined {
    return this.byMake.get(make)?.get(target);
  }

  /** The spans one make level deeper within `span` (what its sub-make ran), in the order of the spans. */
  inner(span: TargetSpan): TargetSpan[] {
    let inner = this.innerOf.get(span);
    if (!inner) {
      inner = this.nesting.inner(span);
      this.innerOf.set(span, inner);
    }
    return inner;
  }
}

/**
 * One walk: the chains found so far (with `free` taking no time). A call whose answer needs no further call
 * answers at once (most recipes: no prerequisites with recipes of their own), the others wait on a stack.
 */
class ChainWalk {
  private readonly spanChains = new Map<TargetSpan, Chain>();
  private readonly makes = new Map<string, MakeTargets>();
  private readonly restarts = new Map<readonly TargetSpan[], Chain>();

  constructor(
    private readonly build: DeclaredChains,
    private readonly free: TargetSpan | undefined,
  ) {}

  longest(): Chain {
    let best = NONE;
    for (const span of this.build.spans) best = longer(best, this.run(this.ofSpan(span)));
    return best;
  }

  /** Runs a call to its answer; the calls it makes wait on `stack`. */
  private run(first: Chain | Call): Chain {
    if (!isCall(first)) return first;
    const stack: Call[] = [first];
    let answer: Chain | undefined;
    while (stack.length > 0) {
      const step = this.step(stack[stack.length - 1], answer);
      answer = undefined;
      if (isCall(step)) stack.push(step);
      else {
        stack.pop();
        answer = step;
      }
    }
    return answer ?? NONE;
  }

  private leaf(span: TargetSpan): Chain {
    return { seconds: span === this.free ? 0 : span.end - span.start, span };
  }

  private ofSpan(span: TargetSpan): Chain | Call {
    const known = this.spanChains.get(span);
    if (known) return known;
    const inner = this.build.inner(span);
    const restart = this.restartChain(span);
    const first = this.ofPrerequisites(this.targetsOf(this.build.makeOf.get(span) ?? ''), span.target);
    if (inner.length > 0 || isCall(first))
      return { kind: 'span', span, first, inner, next: 0, best: NONE, restart };
    const chain = after(longer(first, restart), this.leaf(span));
    this.spanChains.set(span, chain);
    return chain;
  }

  /**
   * The longest chain among the spans `span`'s make ran before reading its makefiles again (NONE for a span
   * before any restart). Those spans ran before the restart, so their chains never need `span`'s: a walk of
   * its own (`run` keeps its own stack) cannot loop.
   */
  private restartChain(span: TargetSpan): Chain {
    const before = this.build.ranBefore(span);
    if (before === undefined) return NONE;
    let chain = this.restarts.get(before);
    if (chain === undefined) {
      chain = NONE;
      for (const earlier of before) chain = longer(chain, this.run(this.ofSpan(earlier)));
      this.restarts.set(before, chain);
    }
    return chain;
  }

  private targetsOf(key: string): MakeTargets {
    let make = this.makes.get(key);
    if (!make) {
      make = { key, chains: new Map(), visiting: new Set() };
      this.makes.set(key, make);
    }
    return make;
  }

  private ofPrerequisites(make: MakeTargets, target: string): Chain | Call {
    const rule = this.build.graphs.get(make.key)?.graph.get(target);
    if (!rule) return NONE;
    const names =
      rule.orderOnly.length === 0 ? rule.prerequisites : [...rule.prerequisites, ...rule.orderOnly];
    if (names.length === 0) return NONE;
    return { kind: 'prerequisites', make, names, next: 0, best: NONE };
  }

  private ofTarget(make: MakeTargets, target: string): Chain | Call {
    const known = make.chains.get(target);
    if (known) return known;
    // A cycle make itself dropped ("Circular ... dependency dropped") adds nothing.
    if (make.visiting.has(target)) return NONE;
    const span = this.build.spanOf(make.key, target);
    const first = span ? this.ofSpan(span) : this.ofPrerequisites(make, target);
    if (!isCall(first)) {
      make.chains.set(target, first);
      return first;
    }
    make.visiting.add(target);
    return { kind: 'target', make, target, first, started: false };
  }

  /** Takes `call` on with `answer` (of the call it made last): the next call to make, or its own answer. */
  private step(call: Call, answer: Chain | undefined): Chain | Call {
    if (call.kind === 'span') {
      if (call.before === undefined) {
        if (answer === undefined && isCall(call.first)) return call.first;
        call.before = longer(answer ?? (call.first as Chain), call.restart);
      } else if (answer !== undefined) call.best = longer(call.best, answer);
      while (call.next < call.inner.length) {
        const inner = this.ofSpan(call.inner[call.next++]);
        if (isCall(inner)) return inner;
        call.best = longer(call.best, inner);
      }
      const chain = after(call.before, call.inner.length > 0 ? call.best : this.leaf(call.span));
      this.spanChains.set(call.span, chain);
      return chain;
    }
    if (call.kind === 'prerequisites') {
      if (answer !== undefined) call.best = longer(call.best, answer);
      while (call.next < call.names.length) {
        const target = this.ofTarget(call.make, call.names[call.next++]);
        if (isCall(target)) return target;
        call.best = longer(call.best, target);
      }
      return call.best;
    }
    if (!call.started) {
      call.started = true;
      return call.first;
    }
    const chain = answer ?? NONE;
    call.make.visiting.delete(call.target);
    call.make.chains.set(call.target, chain);
    return chain;
  }
}
