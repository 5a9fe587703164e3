// What the in-process benches measure, bundled by bench/dist.ts the way the server and CLI ship
// (esbuild, one scope, minified): running the sources through tsx instead costs ~3x on the parser.
export { parseMakefile } from '../server/src/parser/parser';
export { DatabaseParser } from '../server/src/probes/parsers/databaseParser';
export { LineSplitter } from '../server/src/probes/parsers/lineSplitter';
export { detectMake } from '../server/src/probes/capabilities';
export { convergenceProbe } from '../server/src/probes/convergenceProbe';
export { DATABASE_GOAL, databaseProbe } from '../server/src/probes/databaseProbe';
export { dryRunProbe } from '../server/src/probes/dryRunProbe';
export { assessSafety } from '../server/src/probes/safety';
export { traceProbe } from '../server/src/probes/traceProbe';
export { isolationSupport } from '../server/src/probes/isolation/isolationSupport';
export { withIsolation } from '../server/src/probes/isolation/isolationSession';
export { withSandbox } from '../server/src/probes/sandbox';
export { runProcess } from '../server/src/probes/exec';
