// `npm test`: every test layer in order, stopping at the first that fails. `npm test -- e2e` runs only that layer.
import { spawnSync } from 'node:child_process';

// Layers that need a real VS Code install it first; ensure-vscode fails with instructions if it cannot.
const ensureVsCode = ['node', ['scripts/ensure-vscode.mjs']];

/** [name, ...steps]; each step is [command, args]. */
const layers = [
  ['type-check', ['npx', ['tsc', '-p', '.', '--noEmit']]],
  ['lint', ['npx', ['eslint', '.']]],
  ['format', ['npx', ['prettier', '--check', '.']]],
  ['build', ['node', ['esbuild.mjs']]],
  ['unit', ['npx', ['mocha', '--config', 'test/.mocharc.unit.json']]],
  ['server protocol', ['npx', ['mocha', '--config', 'test/.mocharc.server.json']]],
  ['integration', ensureVsCode, ['node', ['test/integration/runInCodeServer.mjs']]],
  ['e2e', ensureVsCode, ['npx', ['mocha', '--config', 'test/.mocharc.e2e.json']]],
];

function runStep([command, args]) {
  console.log(`--- ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) console.log(`--- ${command} could not start: ${result.error.message}`);
  return result.status === 0 ? 0 : (result.status ?? result.signal ?? 1);
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !layers.some(([layer]) => layer === name));
if (unknown.length > 0) {
  console.error(
    `unknown layer(s): ${unknown.join(', ')}; layers: ${layers.map(([name]) => name).join(', ')}`,
  );
  process.exit(2);
}

let passed = 0;
let failed = 0;
for (const [name, ...steps] of layers) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}`);
  const started = Date.now();
  let status = 0;
  for (const step of steps) {
    status = runStep(step);
    if (status !== 0) break;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status === 0) {
    passed++;
    console.log(`=== ${name}: passed in ${seconds} s`);
  } else {
    failed++;
    console.log(`=== ${name}: FAILED (exit ${status}) after ${seconds} s`);
    break;
  }
}
console.log(`\nlayers: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
