// `npm test`: every test layer in order, stopping at the first that fails.
import { spawnSync } from 'node:child_process';

const layers = [
  ['type-check', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['build', 'node', ['esbuild.mjs']],
  ['unit', 'npx', ['mocha', '--config', 'test/.mocharc.unit.json']],
  ['server protocol', 'npx', ['mocha', '--config', 'test/.mocharc.server.json']],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const [name, command, args] of layers) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    console.log(`=== ${name}: passed in ${seconds} s`);
  } else {
    failed++;
    console.log(`=== ${name}: FAILED (exit ${result.status ?? result.signal}) after ${seconds} s`);
    break;
  }
}
console.log(`\nlayers: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
