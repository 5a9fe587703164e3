// `--snapshot` keeps the README's Performance table true: the budgeted rows of the run, between markers.
import { readFileSync, writeFileSync } from 'node:fs';

const START = '<!-- bench-table:start (written by npm run bench -- --snapshot) -->';
const END = '<!-- bench-table:end -->';

/** Replaces the text between the markers; false (and nothing written) when the README has none. */
export function replaceReadmeSection(readme: string, content: string): boolean {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) return false;
  writeFileSync(readme, `${text.slice(0, start + START.length)}\n${content.trim()}\n${text.slice(end)}`);
  return true;
}
