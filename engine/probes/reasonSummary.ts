// Why make would remake a target, in one readable line: prerequisites relative to the project's root and,
// when there are many (busybox's gen_build_files names 667 absolute paths), a count, where most are and a few examples.
import * as path from 'node:path';
import { classifyReason, type TraceReason } from './parsers/traceParser';
import { relativeTo } from './traceModel';

/** Lists up to this long are shown whole. */
const SHOWN_WHOLE = 8;
const EXAMPLES = 3;
const FOLDERS = 3;

/**
 * make's reason as a line that is never cut: a phrase as make says it, a prerequisite list relative to
 * `root`, summarised when long; `seeAll` says where the whole list is (e.g. "in the full output below").
 */
export function reasonSummary(reason: TraceReason | string, root: string, seeAll: string): string {
  const classified = typeof reason === 'string' ? classifyReason(reason) : reason;
  if (classified.prerequisites.length === 0) return classified.text;
  return prerequisiteSummary(classified.prerequisites, root, seeAll);
}

export function prerequisiteSummary(names: readonly string[], root: string, seeAll: string): string {
  const shown = names.map((name) => (path.isAbsolute(name) ? relativeTo(root, name) : name));
  if (shown.length <= SHOWN_WHOLE) return shown.join(' ');
  const perFolder = new Map<string, number>();
  for (const name of shown) {
    const folder = path.dirname(name);
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  const most = [...perFolder]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, FOLDERS)
    .map(([folder, count]) => `${folder === '.' ? './' : `${folder}/`} (${count})`);
  const left = shown.length - EXAMPLES;
  return `${shown.length} prerequisites in ${perFolder.size} folder(s), most in ${most.join(', ')}; e.g. ${shown.slice(0, EXAMPLES).join(' ')}; ${left} more ${seeAll}`;
}
