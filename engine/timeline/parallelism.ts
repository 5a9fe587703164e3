// Achieved parallelism over a build's recipes, the job slots it left idle, and one job lane per recipe.
import { MinHeap } from './minHeap';
import type { ParallelismStep, TargetSpan } from './timelineTypes';

/** How many work spans ran at each moment the number changed, from 0 to `wallSeconds`. */
export function parallelismSteps(work: readonly TargetSpan[], wallSeconds: number): ParallelismStep[] {
  const changes = new Map<number, number>();
  for (const span of work) {
    changes.set(span.start, (changes.get(span.start) ?? 0) + 1);
    changes.set(span.end, (changes.get(span.end) ?? 0) - 1);
  }
  const steps: ParallelismStep[] = [{ time: 0, running: 0 }];
  let running = 0;
  for (const time of [...changes.keys()].sort((a, b) => a - b)) {
    running += changes.get(time) ?? 0;
    const last = steps[steps.length - 1];
    if (last.time === time) last.running = running;
    else if (last.running !== running) steps.push({ time, running });
  }
  if (steps[steps.length - 1].time < wallSeconds) steps.push({ time: wallSeconds, running: 0 });
  return steps;
}

/** Job-slot seconds unused at -j`jobs`: slots free while fewer than `jobs` recipes ran. */
export function idleSlotSeconds(steps: readonly ParallelismStep[], jobs: number): number {
  let idle = 0;
  for (let i = 0; i + 1 < steps.length; i++)
    idle += Math.max(0, jobs - steps[i].running) * (steps[i + 1].time - steps[i].time);
  return idle;
}

/** Recipe-seconds over wall-seconds. */
export function averageParallelism(work: readonly TargetSpan[], wallSeconds: number): number {
  if (wallSeconds <= 0) return 0;
  return work.reduce((sum, span) => sum + (span.end - span.start), 0) / wallSeconds;
}

/**
 * The first free lane for each span in start order: lanes are the job slots as the build used them. The
 * lanes whose span ended wait in one heap by number, the busy ones in another by end (-j100 stays cheap).
 */
export function assignLanes(work: readonly TargetSpan[]): Map<TargetSpan, number> {
  const lanes = new Map<TargetSpan, number>();
  const free = new MinHeap<number>((a, b) => a < b);
  const busy = new MinHeap<{ end: number; lane: number }>((a, b) => a.end < b.end);
  let count = 0;
  for (const span of [...work].sort((a, b) => a.start - b.start || a.end - b.end)) {
    for (let ended = busy.peek(); ended && ended.end <= span.start; ended = busy.peek()) {
      busy.pop();
      free.push(ended.lane);
    }
    const lane = free.pop() ?? count++;
    busy.push({ end: span.end, lane });
    lanes.set(span, lane);
  }
  return lanes;
}
