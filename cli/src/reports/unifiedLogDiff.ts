// A unified diff (jsdiff's line diff) of one target's serial log against another run's, for the terminal.
import { structuredPatch } from 'diff';

/** Lines of `--- serial` / `+++ run` / `@@ … @@` hunks, at most `maxLines` of hunk body (then a count of the rest). */
export function unifiedLogDiff(
  serialLog: string,
  otherLog: string,
  otherLabel: string,
  maxLines = 20,
): string[] {
  const withNewline = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  const patch = structuredPatch('serial', otherLabel, withNewline(serialLog), withNewline(otherLog), '', '', {
    context: 2,
  });
  if (patch.hunks.length === 0) return [];
  const body: string[] = [];
  for (const hunk of patch.hunks) {
    body.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    body.push(...hunk.lines.filter((line) => !line.startsWith('\\')));
  }
  const shown = body.slice(0, maxLines);
  if (body.length > shown.length)
    shown.push(`… ${body.length - shown.length} more line(s) (--json has both logs)`);
  return [`--- serial`, `+++ ${otherLabel}`, ...shown];
}
