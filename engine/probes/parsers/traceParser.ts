// Pure parser for `make -n --trace` output (or a real run's --trace log), across sub-makes.
import { LineSplitter } from './lineSplitter';

export type TraceReasonKind =
  | 'missing'
  | 'phony'
  | 'newer-prerequisites'
  | 'forced'
  | 'unknown'
  | 'remade-makefile';

export interface TraceReason {
  kind: TraceReasonKind;
  /** Prerequisites named by make (newer than the target, or missing and not created). */
  prerequisites: string[];
  /** make's own words after "due to:" (or "does not exist"). */
  text: string;
}

export interface TraceTarget {
  name: string;
  /** Makefile holding the recipe, as make printed it (relative to the session's directory). */
  file?: string;
  line?: number;
  builtin: boolean;
  reason: TraceReason;
  /** Recipe lines make printed (under -n) or ran, plus anything else they wrote. */
  recipe: string[];
  session: number;
  /** Sessions (sub-makes) entered while this target's recipe ran. */
  subMakes: number[];
}

export interface TraceSession {
  id: number;
  level: number;
  directory?: string;
  /** The target whose recipe started this sub-make; undefined for the top level. */
  parentTarget?: number;
  targets: number[];
  /** "'x' is up to date." / "Nothing to be done for 'x'." goals. */
  upToDate: string[];
  errors: string[];
  /** Phony targets as listed by a -p database printed in this session (make < 4.4). */
  phony: Set<string>;
  /** Prerequisites of each file, from a -p database printed in this session (when asked for). */
  prerequisites: Map<string, string[]>;
}

export interface TraceResult {
  sessions: TraceSession[];
  targets: TraceTarget[];
}

const TRACE_LINE =
  /^(?:(<builtin>)|(.*):(\d+)): (?:update target '(.*)' due to: (.*)|target '(.*)' does not exist)$/;
const DIRECTORY_LINE = /^(?:# )?[^\s[]+(?:\[(\d+)\])?: (Entering|Leaving) directory '(.*)'$/;
const UP_TO_DATE = /^[^\s[]+(?:\[\d+\])?: (?:'(.*)' is up to date\.|Nothing to be done for '(.*)'\.)$/;
const DATABASE_HEADER = /^([^\s:#=][^:=]*?)::?(?: (.*))?$/;
const VARIABLE_AFTER_COLON = /^\S+ [+:?!]?= /;
const ERROR_LINE = /^[^\s[]+(?:\[\d+\])?: \*\*\* /;

/** make's words after "due to:" as a reason: a phrase of its own, or the prerequisites it names. */
export function classifyReason(text: string): TraceReason {
  if (text === 'target is .PHONY') return { kind: 'phony', prerequisites: [], text };
  if (text === 'target does not exist') return { kind: 'missing', prerequisites: [], text };
  if (text === 'unknown reasons') return { kind: 'unknown', prerequisites: [], text };
  return { kind: 'newer-prerequisites', prerequisites: text.split(' ').filter(Boolean), text };
}

/** Streaming parser: push chunks of output, then finish() to get the result. */
export class TraceParser {
  private readonly result: TraceResult = { sessions: [], targets: [] };
  private readonly stack: number[] = [];
  private readonly splitter = new LineSplitter((line) => this.line(line));
  private inDatabase = false;
  private inFiles = false;
  private databaseName?: string;

  constructor() {
    this.stack.push(this.openSession(0, undefined, undefined));
  }

  push(chunk: string): void {
    this.splitter.push(chunk);
  }

  finish(): TraceResult {
    this.splitter.finish();
    return this.result;
  }

  private get session(): TraceSession {
    return this.result.sessions[this.stack[this.stack.length - 1]];
  }

  private openSession(
    level: number,
    directory: string | undefined,
    parentTarget: number | undefined,
  ): number {
    const id = this.result.sessions.length;
    this.result.sessions.push({
      id,
      level,
      directory,
      parentTarget,
      targets: [],
      upToDate: [],
      errors: [],
      phony: new Set(),
      prerequisites: new Map(),
    });
    return id;
  }

  private line(line: string): void {
    if (this.inDatabase) return this.databaseLine(line);
    if (line.startsWith('# Make data base, printed on')) {
      this.inDatabase = true;
      return;
    }
    const trace = TRACE_LINE.exec(line);
    if (trace) return this.traceLine(trace);
    const directory = DIRECTORY_LINE.exec(line);
    if (directory) return this.directoryLine(Number(directory[1] ?? 0), directory[2], directory[3]);
    if (line === '' || line.startsWith('#')) return;
    const upToDate = UP_TO_DATE.exec(line);
    if (upToDate) {
      this.session.upToDate.push(upToDate[1] ?? upToDate[2]);
      return;
    }
    if (ERROR_LINE.test(line)) {
      this.session.errors.push(line);
      return;
    }
    const current = this.session.targets[this.session.targets.length - 1];
    if (current !== undefined) this.result.targets[current].recipe.push(line);
  }

  private traceLine(match: RegExpExecArray): void {
    const session = this.session;
    const name = match[4] ?? match[6];
    const reason: TraceReason =
      match[6] !== undefined
        ? { kind: 'missing', prerequisites: [], text: 'target does not exist' }
        : classifyReason(match[5]);
    const index = this.result.targets.length;
    this.result.targets.push({
      name,
      file: match[1] ? undefined : match[2],
      line: match[3] ? Number(match[3]) : undefined,
      builtin: Boolean(match[1]),
      reason,
      recipe: [],
      session: session.id,
      subMakes: [],
    });
    session.targets.push(index);
  }

  private directoryLine(level: number, verb: string, directory: string): void {
    const session = this.session;
    if (verb === 'Entering') {
      if (level === session.level && session.directory === undefined && session.targets.length === 0) {
        session.directory = directory;
        return;
      }
      const parent = session.targets[session.targets.length - 1];
      const id = this.openSession(level, directory, parent);
      if (parent !== undefined) this.result.targets[parent].subMakes.push(id);
      this.stack.push(id);
      return;
    }
    if (this.stack.length > 1 && session.level === level) this.stack.pop();
  }

  // Only what the trace needs from a -p database: which targets are phony (make < 4.4 does not say).
  private databaseLine(line: string): void {
    const first = line.charCodeAt(0);
    if (first === 35 /* # */) {
      if (line === '# Files') this.inFiles = true;
      else if (line.startsWith('#  Phony target')) {
        if (this.inFiles && this.databaseName !== undefined) this.session.phony.add(this.databaseName);
      } else if (line === '# VPATH Search Paths') this.inFiles = false;
      else if (line.startsWith('# Finished Make data base')) {
        this.inDatabase = false;
        this.inFiles = false;
      }
      return;
    }
    if (!this.inFiles || line === '' || first === 9 /* tab */) return;
    const header = DATABASE_HEADER.exec(line);
    if (!header || (header[2] !== undefined && VARIABLE_AFTER_COLON.test(header[2]))) return;
    this.databaseName = header[1];
    if (header[2] === undefined) return;
    const bar = header[2].indexOf(' | ');
    const words = (bar < 0 ? header[2] : header[2].slice(0, bar)).split(' ').filter(Boolean);
    if (words.length > 0) this.session.prerequisites.set(header[1], words);
  }
}

export function parseTrace(text: string): TraceResult {
  const parser = new TraceParser();
  parser.push(text);
  return parser.finish();
}

/** True when make says (4.4+) or the database says (4.3) the target is phony. */
export function isPhony(result: TraceResult, target: TraceTarget): boolean {
  return target.reason.kind === 'phony' || result.sessions[target.session].phony.has(target.name);
}
