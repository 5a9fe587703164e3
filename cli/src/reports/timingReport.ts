// Terminal report of the timing probe.
import type { TimingResult } from '../../../engine/probes/timingProbe';
import { formatDuration } from '../../../contract/wording/durations';
import { placementLines } from './placementReport';
import type { Style } from './style';

const ms = formatDuration;

export function timingReport(result: TimingResult, style: Style): string {
  const failed = result.readOnlyExitCode !== 0;
  const lines = [
    ...(failed
      ? [
          style.red(
            style.bold(
              `make -n failed (exit ${result.readOnlyExitCode}); the times below are not the build's:`,
            ),
          ),
          ...result.notes.filter((note) => note.startsWith('make -n ')).map((note) => style.red(note)),
        ]
      : []),
    `reading the makefiles:      ${ms(result.parseMs)}`,
    `read-only run (make -n):    ${ms(result.readOnlyMs)}`,
  ];
  if (result.buildMs !== undefined) {
    lines.push(
      `full build (isolated):     ${ms(result.buildMs)}${result.buildExitCode ? style.red(` (exit ${result.buildExitCode})`) : ''}`,
    );
    const share = result.buildMs > 0 ? (100 * result.parseMs) / result.buildMs : 0;
    lines.push(
      style.bold(
        share >= 50
          ? `parse time dominates (${share.toFixed(0)}% of the build)`
          : `recipe time dominates (reading is ${share.toFixed(0)}% of the build)`,
      ),
    );
  }
  if (result.shellCallsMeasured) {
    lines.push(`parse-time $(shell ...) calls: ${result.shellCalls.length}`);
    for (const call of [...result.shellCalls].sort((a, b) => b.durationMs - a.durationMs)) {
      lines.push(`  ${ms(call.durationMs).padStart(10)}  ${call.command}`);
    }
  }
  for (const note of result.notes.filter((n) => !failed || !n.startsWith('make -n ')))
    lines.push(style.dim(`note: ${note}`));
  lines.push(...placementLines(result.placement, style));
  return lines.join('\n') + '\n';
}
