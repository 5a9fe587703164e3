// What the two traced-build rungs mean: the timeline (where a slow build's time goes) and the dependency audit. Pure.
import type { AuditResult } from '../audit/auditTypes';
import type { TimelineResult } from '../timeline/timelineProbe';
import { formatDuration } from '../../contract/wording/durations';
import type { Explained } from './interpretations';

const SHOWN = 5;

export function timeline(result: TimelineResult): Explained {
  const t = result.timeline;
  const seconds = (s: number): string => formatDuration(s * 1000);
  const path = t.criticalPath.map((span) => span.target);
  const lines = [
    `wall time: ${seconds(t.wallSeconds)} at -j${t.jobs}, ${t.spans.length} target span(s), recipes running ${Math.round(100 * t.coverage)}% of it`,
    `critical path (${t.criticalFrom} graph): ${seconds(t.criticalSeconds)}: ${path.slice(0, 8).join(' -> ')}${path.length > 8 ? ` -> ... (${path.length - 8} more)` : ''}`,
    `average parallelism: ${t.averageParallelism.toFixed(2)}; idle job-slot time at -j${t.jobs}: ${seconds(t.idleSlotSeconds)}`,
    ...t.speedups
      .slice(0, SHOWN)
      .map((s) => `faster ${s.target} (level ${s.level}) would save up to ${seconds(s.savesSeconds)}`),
  ];
  const failed = result.exitCode !== 0;
  const share = t.wallSeconds > 0 ? Math.round((100 * t.criticalSeconds) / t.wallSeconds) : 0;
  const first = t.speedups[0];
  const bound =
    share >= 80
      ? `The chain ${path.length > 1 ? `${path[0]} ... ${path[path.length - 1]}` : (path[0] ?? '')} takes ${share}% of the wall time: more -j will not help, a faster or split ${first?.target ?? 'target on that chain'} will.`
      : `The critical path takes ${share}% of the wall time: jobs wait on each other less than they could run (${t.averageParallelism.toFixed(2)} at -j${t.jobs} on average); a higher -j or fewer serialising rules shortens the build.`;
  return {
    status: failed ? 'finding' : 'ok',
    excerpt: [...lines, ...result.notes].join('\n'),
    interpretation: `${bound}${failed ? ` The recorded build failed (exit ${result.exitCode}).` : ''} The whole timeline: makescope timeline --out trace.json (Perfetto, chrome://tracing).`,
  };
}

export function audit(result: AuditResult): Explained {
  const warnings = result.findings.filter((finding) => finding.severity === 'warning');
  const lines = [
    `${result.auditedTargets} target(s) audited against ${result.declaredEdges} declared edge(s); ${result.findings.length} finding(s), ${warnings.length} warning(s)`,
    ...result.findings.slice(0, 10).map((finding) => `${finding.kind}: ${finding.message}`),
  ];
  const tracing =
    result.tracing.state === 'traced'
      ? ''
      : ` File accesses were not fully traced (${result.tracing.reason}).`;
  const first = warnings[0];
  const interpretation = first
    ? `The build reads or writes files its rules do not declare: ${first.message}${first.fix ? `; fix: ${first.fix.title}` : ''}. Undeclared edges are what a parallel build races on.${tracing}`
    : `Every file a recipe read or wrote is declared in make's graph.${tracing}`;
  return {
    status: first ? 'finding' : 'ok',
    excerpt: [...lines, ...result.notes].join('\n'),
    interpretation,
  };
}
