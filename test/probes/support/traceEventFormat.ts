// Checks a JSON value against the Trace Event Format's required fields (the format Perfetto and chrome://tracing load).
import * as assert from 'node:assert/strict';

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/**
 * Trace Event Format (Google's "Trace Event Format" document): a JSON object with `traceEvents`;
 * every event has name, ph, pid and tid; a complete event (ph X) also ts and dur in microseconds,
 * non-negative; a metadata event (ph M) names a process or thread in args.name. Complete events on
 * one thread must nest (the viewers draw one stack per thread).
 */
export function validateTraceEvents(value: unknown): void {
  assert.equal(typeof value, 'object');
  const events = (value as { traceEvents?: unknown }).traceEvents;
  assert.ok(Array.isArray(events), 'traceEvents is an array');
  const byThread = new Map<string, { ts: number; end: number }[]>();
  for (const event of events as Record<string, unknown>[]) {
    const shown = JSON.stringify(event);
    assert.equal(typeof event.name, 'string', `name: ${shown}`);
    assert.ok(event.ph === 'X' || event.ph === 'M', `ph X or M: ${shown}`);
    assert.ok(Number.isInteger(event.pid) && Number.isInteger(event.tid), `pid and tid: ${shown}`);
    if (event.ph === 'M') {
      assert.ok(['process_name', 'thread_name'].includes(event.name as string), `metadata name: ${shown}`);
      assert.equal(typeof (event.args as { name?: unknown })?.name, 'string', `args.name: ${shown}`);
      continue;
    }
    assert.ok(isNumber(event.ts) && isNumber(event.dur) && (event.dur as number) >= 0, `ts, dur: ${shown}`);
    const key = `${event.pid as number}/${event.tid as number}`;
    const list = byThread.get(key) ?? [];
    list.push({ ts: event.ts as number, end: (event.ts as number) + (event.dur as number) });
    byThread.set(key, list);
  }
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < list.length; i++)
      assert.ok(
        list[i].ts >= list[i - 1].end || list[i].end <= list[i - 1].end,
        `events on thread ${thread} overlap without nesting`,
      );
  }
}
