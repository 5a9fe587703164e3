import { readFileSync } from 'node:fs';
import { parseStraceAccess } from '../engine/parallel/straceAccessParser';
import { parseStraceAccess as oldParse } from './_oldParser';
const norm = (log: ReturnType<typeof oldParse>) =>
  JSON.stringify(log, (_k, v) => (v instanceof Set ? [...v].sort() : v instanceof Map ? [...v] : v));
for (const [file, root] of process.argv.slice(2).map((a) => a.split('='))) {
  const log = readFileSync(file, 'utf8');
  const opts = { roots: [root], envName: 'MAKESCOPE_TARGET' };
  const a = norm(oldParse(log, opts)),
    b = norm(parseStraceAccess(log, opts));
  console.log(file, a === b ? 'same' : 'DIFFERENT', a.length);
}
