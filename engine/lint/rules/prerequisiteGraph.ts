// MS115 self-dependency, MS116 circular-dependency, MS118 redundant-prerequisite: the graph of literal targets.
import type { Rule } from '../../parser/ast';
import type { LintContext, RuleFinding } from '../lintTypes';
import { isLiteralName, isSpecialName, projectIndex, type Edge } from '../projectIndex';
import { recipeReadsPrerequisites, rulesByTarget, rulesListingTwo } from './projectFacts';

function successorsOf(edges: readonly Edge[]): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    const list = successors.get(edge.from);
    if (list) list.push(edge.to);
    else successors.set(edge.from, [edge.to]);
  }
  return successors;
}

export function selfDependency({ index, project }: LintContext): RuleFinding[] {
  return projectIndex(project)
    .selfDependencies(index)
    .map((site) => ({
      range: site.word.range,
      message: `'${site.name}' lists itself as a prerequisite: make drops it ("Circular ${site.name} <- ${site.name} dependency dropped.").`,
    }));
}

/** Strongly connected groups of two or more targets (Tarjan's algorithm, without recursion). */
function cycles(successors: Map<string, string[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  for (const root of successors.keys()) {
    if (order.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    order.set(root, order.size);
    low.set(root, order.get(root) ?? 0);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const children = successors.get(frame.node) ?? [];
      if (frame.next < children.length) {
        const child = children[frame.next++] ?? '';
        if (!order.has(child)) {
          order.set(child, order.size);
          low.set(child, order.get(child) ?? 0);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, order.get(child) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== order.get(frame.node)) continue;
      const group: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        group.push(member);
        if (member === frame.node) break;
      }
      if (group.length > 1) groups.push(group);
    }
  }
  return groups;
}

/** The way back from `start` to `goal` inside one group, for the message. */
function pathWithin(
  start: string,
  goal: string,
  successors: Map<string, string[]>,
  group: Set<string>,
): string[] {
  const previous = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let at = 0; at < queue.length && !previous.has(goal); at++) {
    const node = queue[at] ?? '';
    for (const next of successors.get(node) ?? []) {
      if (!group.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  const path = [goal];
  for (let node = goal; node !== start; ) {
    node = previous.get(node) ?? start;
    path.unshift(node);
  }
  return path;
}

/** For each group, its first edge in reading order with both ends in it: one walk of the edges for all groups. */
function firstEdgeWithin(groups: readonly string[][], edges: readonly Edge[]): (Edge | undefined)[] {
  const groupOf = new Map<string, number>();
  for (const [position, members] of groups.entries())
    for (const member of members) groupOf.set(member, position);
  const firsts: (Edge | undefined)[] = groups.map(() => undefined);
  for (const edge of edges) {
    const position = groupOf.get(edge.from);
    if (position !== undefined && groupOf.get(edge.to) === position) firsts[position] ??= edge;
  }
  return firsts;
}

export function circularDependency({ index, project }: LintContext): RuleFinding[] {
  // Only an edge into a target can close a loop: files no rule makes (sources, headers) are left out.
  const all = projectIndex(project).edges;
  const targets = new Set(all.map((edge) => edge.from));
  const edges = all.filter((edge) => edge.from !== edge.to && targets.has(edge.to));
  const successors = successorsOf(edges);
  const groups = cycles(successors);
  if (groups.length === 0) return [];
  const firsts = firstEdgeWithin(groups, edges);
  const result: RuleFinding[] = [];
  for (const [position, members] of groups.entries()) {
    const group = new Set(members);
    // One finding per cycle: at its first edge in reading order, in the file that holds it.
    const first = firsts[position];
    if (!first || first.uri !== index.uri) continue;
    const loop = [first.from, ...pathWithin(first.to, first.from, successors, group)];
    result.push({
      range: first.word.range,
      message: `Circular dependency ${loop.join(' -> ')}: make breaks the loop by dropping one edge ("Circular ... dependency dropped.") and builds in an order nobody wrote.`,
    });
  }
  return result;
}

/** How many nodes one file's redundancy search may visit: enough for real trees, bounded for generated ones. */
const VISIT_BUDGET = 200_000;

/** What the redundancy search reads of the project, built for the first rule that lists two prerequisites. */
interface RedundancySearch {
  /** Whether no recipe of this target reads the prerequisites ($^ $+ $? $<). */
  recipesQuiet(name: string): boolean;
  /** The names reachable from `start` (not through `avoid`), within the search's budget. */
  reachedFrom(start: string, avoid: ReadonlySet<string>): Set<string>;
  /** A phony or FORCE-like target: whatever needs it is remade every time. */
  alwaysRemade(name: string): boolean;
  successors: Map<string, string[]>;
}

function redundancySearch(project: LintContext['project']): RedundancySearch {
  const known = projectIndex(project);
  const successors = successorsOf(known.edges.filter((edge) => !edge.orderOnly));
  const rules = rulesByTarget(project);
  const readsPrerequisites = recipeReadsPrerequisites(project);
  let budget = VISIT_BUDGET;
  // Per target name, once: a target with many rules is asked about once, not once per rule.
  const quiet = new Map<string, boolean>();
  return {
    successors,
    // A phony or FORCE-like prerequisite listed directly reruns the recipe every time; reached through a
    // file that its recipe may leave unchanged, it does not. Only through another such target is it redundant.
    alwaysRemade: (name) =>
      known.isPhony(name) ||
      (rules.get(name) ?? []).every((rule) => rule.recipe.length === 0 && rule.prerequisites.length === 0),
    reachedFrom(start, avoid) {
      const seen = new Set<string>();
      const queue = [...(successors.get(start) ?? [])];
      while (queue.length > 0 && budget-- > 0) {
        const node = queue.pop() ?? '';
        if (seen.has(node) || avoid.has(node)) continue;
        seen.add(node);
        queue.push(...(successors.get(node) ?? []));
      }
      return seen;
    },
    recipesQuiet(name) {
      let known = quiet.get(name);
      if (known === undefined) {
        known = (rules.get(name) ?? []).every((each) =>
          each.recipe.every((line) => !readsPrerequisites(line.text)),
        );
        quiet.set(name, known);
      }
      return known;
    },
  };
}

export function redundantPrerequisite({ index, project }: LintContext): RuleFinding[] {
  let search: RedundancySearch | undefined;
  const result: RuleFinding[] = [];
  for (const { rule, sites } of rulesListingTwo(index)) {
    if (rule.kind === 'static-pattern' || sites.filter((site) => !site.orderOnly).length < 2) continue;
    search ??= redundancySearch(project);
    if (!isPlainRule(rule, search.recipesQuiet)) continue;
    const listed = rule.prerequisites.filter((word) => isLiteralName(word.text) && !isSpecialName(word.text));
    const names = new Set(listed.map((word) => word.text));
    const targets = new Set(rule.targets.map((word) => word.text));
    const via = new Map<string, string>();
    for (const name of names) {
      if (!search.successors.has(name)) continue;
      for (const reached of search.reachedFrom(name, targets))
        if (names.has(reached) && !via.has(reached)) via.set(reached, name);
    }
    for (const word of listed) {
      const through = via.get(word.text);
      if (!through || through === word.text) continue;
      if (search.alwaysRemade(word.text) && !search.alwaysRemade(through)) continue;
      result.push({
        range: word.range,
        message: `'${word.text}' is already needed by '${through}' (directly or further down), also listed here: make builds it before '${through}' and rebuilds through it anyway.`,
      });
    }
  }
  return result;
}

/** A rule of literal targets whose recipes never list the prerequisites ($^ $+ $? $<): there a listed name is on the command line. */
function isPlainRule(rule: Rule, recipesQuiet: (name: string) => boolean): boolean {
  return rule.targets.every(
    (target) => isLiteralName(target.text) && !isSpecialName(target.text) && recipesQuiet(target.text),
  );
}
