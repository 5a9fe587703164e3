// Inlay hints after a rule's targets: `depth N`, the longest chain of prerequisites below the target
// (definition in engine/analysis/targetDepth.ts), with the chain and where it comes from in the tooltip.
// The tooltip is filled in by inlayHint/resolve, when the user points at a hint: a whole file's hints would
// otherwise carry one each (three times the bytes of every other hint together on a 5,000-line file).
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
  make: "from make's database (make -p -q -k: pattern rules and includes resolved)",
  text: "from the makefiles' text (pattern rules and names made of variables wait for make's answer)",
};

/**
 * What a depth hint carries for its resolve: the server's number for its document and the target (a
 * number, not the URI: a whole file's hints would repeat it hundreds of times).
 */
export type DepthHintData = [document: number, target: string];

export function isDepthHintData(data: unknown): data is DepthHintData {
  return (
    Array.isArray(data) && data.length === 2 && typeof data[0] === 'number' && typeof data[1] === 'string'
  );
}

export function targetDepthHints(
  index: FileIndex,
  range: Range,
  source: DepthSource,
  /** The server's number for the document, given back in inlayHint/resolve. */
  document: number,
): InlayHint[] {
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
        data: [document, name] satisfies DepthHintData,
      });
    }
  }
  return hints;
}

/** The hint with its tooltip, from the depths its document's hints were last made of. */
export function resolveDepthHint(hint: InlayHint, source: DepthSource | undefined): InlayHint {
  if (!source || !isDepthHintData(hint.data)) return hint;
  const found = source.depths.of(hint.data[1]);
  return found ? { ...hint, tooltip: tooltip(found, source.from) } : hint;
}

function tooltip(found: TargetDepth, from: DepthSource['from']): string {
  const lines = [
    `Longest chain of prerequisites (order-only ones not followed), ${FROM[from]}:`,
    chainText(found.chain),
  ];
  if (found.circular) {
    const { from: target, to } = found.circular;
    lines.push(
      `make drops the circular edge ${target} → ${to} ("Circular ${target} <- ${to} dependency dropped.").`,
    );
  }
  if (found.unchecked !== undefined)
    lines.push(
      `make never looked at ${found.unchecked} (the default goal does not need it): its pattern rules are not applied.`,
    );
  return lines.join('\n');
}

function chainText(chain: readonly string[]): string {
  if (chain.length <= MAX_CHAIN_NAMES) return chain.join(' → ');
  const head = chain.slice(0, MAX_CHAIN_NAMES / 2);
  const tail = chain.slice(chain.length - MAX_CHAIN_NAMES / 2 + 1);
  return `${head.join(' → ')} → … (${chain.length - head.length - tail.length} more) → ${tail.join(' → ')}`;
}
