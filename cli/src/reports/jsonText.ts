// The --json and --format json|sarif text: indented for a person at a terminal, compact for a program.
import type { Output } from '../commandSpec';

/**
 * JSON followed by a newline, indented two spaces on a terminal and compact into a pipe or a file, where
 * a program reads it (`| jq .` indents it again). V8 writes indented JSON several times slower than
 * compact (the 1,000-target database: ~14 ms against ~2.6 ms, and 514 KB against 324 KB to pass on).
 */
export function jsonText(value: unknown, output: Pick<Output, 'isTTY'>): string {
  return `${JSON.stringify(value, null, output.isTTY === true ? 2 : undefined)}\n`;
}
