import { readFileSync, readdirSync } from 'node:fs';
import { parseStraceAccess } from '../engine/parallel/straceAccessParser';
import { parseStraceAccess as oldParse } from './_oldParser';
const norm = (log: ReturnType<typeof oldParse>) =>
  JSON.stringify(log, (_k, v) => (v instanceof Set ? [...v].sort() : v instanceof Map ? [...v] : v));
let same = 0,
  diff = 0,
  bytes = 0,
  oldMs = 0,
  newMs = 0,
  escapes = 0;
for (const name of readdirSync('/tmp/slogs').filter((f) => f.endsWith('.log'))) {
  const log = readFileSync(`/tmp/slogs/${name}`, 'utf8');
  if (/\\[0-7x]/.test(log)) escapes++;
  const roots = JSON.parse(readFileSync(`/tmp/slogs/${name.replace('.log', '.roots')}`, 'utf8'));
  const opts = { roots, envName: 'MAKESCOPE_TARGET' };
  let t = performance.now();
  const a = norm(oldParse(log, opts));
  oldMs += performance.now() - t;
  t = performance.now();
  const b = norm(parseStraceAccess(log, opts));
  newMs += performance.now() - t;
  bytes += log.length;
  if (a === b) same++;
  else {
    diff++;
    console.log('DIFFERENT', name);
  }
}
console.log({
  same,
  diff,
  MB: (bytes / 1e6).toFixed(1),
  escapes,
  oldMs: oldMs.toFixed(0),
  newMs: newMs.toFixed(0),
});
