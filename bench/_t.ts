import { timelineProbe } from '../engine/timeline/timelineProbe';
import { auditProbe } from '../engine/audit/auditProbe';
async function main() {
  const [kind, dir] = process.argv.slice(2);
  for (let round = 0; round < Number(process.env.ROUNDS ?? 6); round++) {
    const t0 = performance.now();
    if (kind === 'timeline') {
      const result = await timelineProbe({ directory: dir, timeoutMs: 300000, jobs: 2 });
      console.log(
        `total ${(performance.now() - t0).toFixed(0)} wall ${(result.timeline.wallSeconds * 1000).toFixed(0)}`,
      );
    } else {
      const result = await auditProbe({ directory: dir, timeoutMs: 300000 });
      console.log(
        `total ${(performance.now() - t0).toFixed(0)} make ${result.tracing.state === 'traced' ? result.tracing.wallMs : '?'}`,
      );
    }
  }
}
main();
