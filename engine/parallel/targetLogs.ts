// Pure: a build's merged output (--trace, --output-sync=target, stderr on stdout) split into per-target logs.
import * as path from 'node:path';
import { parseTrace } from '../probes/parsers/traceParser';

export interface TargetLogs {
  /** Targets in the order make reported them (completion order under --output-sync). */
  order: string[];
  /** The recipe lines make echoed and everything the recipe printed, per target. */
  logs: Map<string, string>;
  /** make's first `***` line, without the shuffle suffix 4.4 adds, so runs compare. */
  firstError?: string;
  /** The makefile and line of each target's rule as --trace printed them (relative to make's directory). */
  ruleLines: Map<string, { file: string; line: number }>;
}

const NOT_AN_ERROR = /\*\*\* Waiting for unfinished jobs/;
const SHUFFLE_SUFFIX = / shuffle=\S+$/;

export function normalizeErrorLine(line: string): string {
  return line.replace(SHUFFLE_SUFFIX, '').replace(/^([^\s[:]+)\[\d+\]:/, '$1:');
}

/** `base`: the directory the top-level make ran in, so sub-make targets are named the same in every copy. */
export function parseTargetLogs(output: string, base?: string): TargetLogs {
  const trace = parseTrace(output);
  const logs = new Map<string, string>();
  const ruleLines = new Map<string, { file: string; line: number }>();
  const order: string[] = [];
  for (const target of trace.targets) {
    const session = trace.sessions[target.session];
    // Sub-make targets are named with their directory so `all` here and `all` there stay apart.
    const directory = session.level > 0 ? session.directory : undefined;
    const relative =
      directory !== undefined && base !== undefined ? path.relative(base, directory) || '.' : directory;
    const name = relative !== undefined ? `${relative}:${target.name}` : target.name;
    if (!logs.has(name)) order.push(name);
    const lines = target.recipe.filter((line) => !NOT_AN_ERROR.test(line));
    logs.set(name, [logs.get(name) ?? '', ...lines.map((line) => `${line}\n`)].join(''));
    if (target.file !== undefined && target.line !== undefined && !ruleLines.has(name))
      ruleLines.set(name, { file: target.file, line: target.line });
  }
  const firstError = trace.sessions
    .flatMap((session) => session.errors)
    .find((line) => !NOT_AN_ERROR.test(line));
  return {
    order,
    logs,
    firstError: firstError === undefined ? undefined : normalizeErrorLine(firstError),
    ruleLines,
  };
}
