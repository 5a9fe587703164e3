// The preloaded recorder's job reports, read as the recipe recorder's: each make's jobs stamped by make itself
// on the monotonic clock the probe reads, as make starts them and as it reaps them.
import type { StampedLine } from './recipeRecorder';

export interface JobReports {
  /** The reports as recordedTimelineParser reads them: R as they were, S and E from B and F with their own times. */
  lines: StampedLine[];
  /** Makes that loaded the library (M) and makes that started reading (R): fewer of the first missed some jobs. */
  makesRecorded: number;
  makesStarted: number;
}

/**
 * `B time child make makeParent span` (make started a job), `F time child status` (make reaped it), `M time pid
 * parent` (a make loaded the library, as it started); R and L reports come through make's own `$(file)`, stamped
 * when read. Each make writes its M before its R: an R takes the time of the oldest M not yet taken (make's own
 * start, exact), since the probe may have read the R late and its first job's time is exact.
 */
export function fromJobReports(reports: readonly StampedLine[]): JobReports {
  const lines: StampedLine[] = [];
  const starts: number[] = [];
  let makesRecorded = 0;
  let makesStarted = 0;
  for (const report of reports) {
    const kind = report.line.charAt(0);
    if (report.line.charAt(1) !== ' ' || !'BFM'.includes(kind)) {
      if (kind === 'R') {
        makesStarted++;
        const start = starts.shift();
        lines.push(start !== undefined && start <= report.time ? { ...report, time: start } : report);
      } else lines.push(report);
      continue;
    }
    const rest = report.line.slice(2);
    const blank = rest.indexOf(' ');
    const time = Number(blank < 0 ? rest : rest.slice(0, blank));
    if (!Number.isFinite(time)) continue;
    if (kind === 'M') {
      makesRecorded++;
      starts.push(time);
    } else lines.push({ time, line: `${kind === 'B' ? 'S' : 'E'} ${rest.slice(blank + 1)}` });
  }
  return { lines, makesRecorded, makesStarted };
}
