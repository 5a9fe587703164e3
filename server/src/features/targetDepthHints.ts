// Inlay hints after a rule's targets: `depth N`, the longest chain of prerequisites below the target
// (definition in engine/analysis/targetDepth.ts), with the chain and where it comes from in the tooltip.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';
import { SPECIAL_TARGETS } from '../../../engine/analysis/makeBuiltinDocs';
import type { TargetDepth, TargetDepths } from '../../../engine/analysis/targetDepth';

export interface DepthSource {
  /** make's database (pattern rules, includes and variables resolved), or the makefiles' text alone. */
  from: 'make' | 'text';
  depths: TargetDepths;
}

/** Past this many names the tooltip shows the chain's two ends. */
const MAX_CHAIN_NAMES = 12;

const FROM = {
  make: "from make's database (`make -p -q -k` from the default goal: pattern rules, includes and variables resolved as make resolved them)",
  text: "from the rules written in this makefile and the files it includes (pattern rules, vpath and names made of variables count once make's database has answered)",
};

export function targetDepthHints(index: FileIndex, range: Range, source: DepthSource): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const statement of index.statements) {
    if (statement.type !== 'rule' || statement.kind === 'pattern') continue;
    const line = statement.headerRange.start.line;
    if (line < range.start.line || line > range.end.line) continue;
    for (const target of statement.targets) {
      const name = target.text;
      if (name.includes('$') || Object.hasOwn(SPECIAL_TARGETS, name)) continue;
      const found = source.depths.of(name);
      // A target with no prerequisite (depth 0) says nothing worth a hint.
      if (!found || found.depth === 0) continue;
      hints.push({
        position: target.range.end,
        label: `depth ${found.depth}`,
        kind: InlayHintKind.Type,
        paddingLeft: true,
        tooltip: tooltip(found, source.from),
      });
    }
  }
  return hints;
}

function tooltip(found: TargetDepth, from: DepthSource['from']): string {
  const lines = [
    `Target depth ${found.depth}: the longest chain of prerequisites, ${FROM[from]}:`,
    chainText(found.chain),
    'Depth counts the edges down to a file with no prerequisites; order-only prerequisites (after `|`) are not followed.',
  ];
  if (found.circular) {
    const { from: target, to } = found.circular;
    lines.push(
      `${target} → ${to} leads back in a circle: make drops that edge ("Circular ${target} <- ${to} dependency dropped.") and it is not counted.`,
    );
  }
  if (found.unchecked !== undefined)
    lines.push(
      `make did not look at ${found.unchecked} (the default goal does not need it): pattern rules are not applied there, so the chain may be longer.`,
    );
  return lines.join('\n\n');
}

function chainText(chain: readonly string[]): string {
  if (chain.length <= MAX_CHAIN_NAMES) return chain.join(' → ');
  const head = chain.slice(0, MAX_CHAIN_NAMES / 2);
  const tail = chain.slice(chain.length - MAX_CHAIN_NAMES / 2 + 1);
  return `${head.join(' → ')} → … (${chain.length - head.length - tail.length} more) → ${tail.join(' → ')}`;
}
