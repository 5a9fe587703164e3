// textDocument/codeLens: "Dry run · Trace · Check convergence" above each rule of a real target.
import type { CodeLens } from 'vscode-languageserver';
import type { FileIndex } from '../../../engine/analysis/fileIndex';

export const CODE_LENS_COMMANDS = [
  { title: 'Dry run', command: 'makescope.dryRun' },
  { title: 'Trace', command: 'makescope.traceTarget' },
  { title: 'Check convergence', command: 'makescope.checkConvergence' },
] as const;

export function codeLenses(index: FileIndex): CodeLens[] {
  const lenses: CodeLens[] = [];
  const seenRules = new Set<unknown>();
  for (const target of index.targets) {
    const { name, rule } = target;
    // Special targets, patterns and computed names cannot be asked for by name.
    if (name.startsWith('.') || name.includes('%') || name.includes('$') || seenRules.has(rule)) continue;
    if (rule.targets.length > 1 && rule.targets[0] !== target.word) continue;
    seenRules.add(rule);
    const range = { start: rule.headerRange.start, end: rule.headerRange.start };
    for (const { title, command } of CODE_LENS_COMMANDS) {
      lenses.push({ range, command: { title, command, arguments: [{ uri: index.uri, target: name }] } });
    }
  }
  return lenses;
}
