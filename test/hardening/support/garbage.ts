// A full collection for the hardening tests that measure what stays alive; they run under --expose-gc.

/** V8's gc(), or a failure that says how to get it (test/.mocharc.hardening.json sets the flag). */
export function requiredGc(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (test/.mocharc.hardening.json sets it)');
  return gc;
}
