// What the in-process benches measure, bundled by bench/dist.ts the way the server and CLI ship
// (esbuild, one scope, minified): running the sources through tsx instead costs ~3x on the parser.
export { parseMakefile } from '../engine/parser/parser';
export { WorkspaceModel } from '../engine/analysis/workspaceModel';
export { pathToUri } from '../engine/analysis/uris';
export { lintFile } from '../engine/lint/lint';
export { DatabaseParser } from '../engine/probes/parsers/databaseParser';
export { LineSplitter } from '../engine/probes/parsers/lineSplitter';
export { detectMake } from '../engine/probes/capabilities';
export { convergenceProbe } from '../engine/probes/convergenceProbe';
export { DATABASE_GOAL, databaseProbe } from '../engine/probes/databaseProbe';
export { dryRunProbe } from '../engine/probes/dryRunProbe';
export { assessSafety } from '../engine/probes/safety';
export { traceProbe } from '../engine/probes/traceProbe';
export { isolationSupport } from '../engine/probes/isolation/isolationSupport';
export { withIsolation } from '../engine/probes/isolation/isolationSession';
export { findProjectRoot } from '../engine/probes/isolation/projectRoot';
export { withSandbox } from '../engine/probes/sandbox';
export { runProcess } from '../engine/probes/exec';
export { buildTimeline, timelineProbe } from '../engine/timeline/timelineProbe';
export { chromeTrace, traceTitle } from '../engine/timeline/chromeTrace';
export { makeDatabases } from '../engine/timeline/makeDatabases';
// The client's part of the timeline panel (no vscode import), as the extension bundle ships it.
export { timelineBody } from '../client/src/features/timeline/timelineBody';
export { summarizeTimeline } from '../client/src/features/timeline/timelineSummary';
export { auditProbe } from '../engine/audit/auditProbe';
export { timelineScript, timelineStyle } from '../client/src/features/timeline/timelineAssets';
export { webviewPageHtml } from '../client/src/infrastructure/webviewPage';
