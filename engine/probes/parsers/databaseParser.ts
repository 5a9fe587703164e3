// Pure streaming parser for `make -p` output: variables, rules, pattern rules, vpath, file states.
import type {
  DbFile,
  DbPatternRule,
  DbRecipe,
  DbVariable,
  MakeDatabase,
  VariableFlavor,
} from './databaseModel';
import { LineSplitter } from './lineSplitter';
import { backslashesBefore } from '../../parser/scan';

export type {
  VariableFlavor,
  DbVariable,
  DbRecipe,
  DbFile,
  DbPatternRule,
  DbPatternVariable,
  DbVpath,
  MakeDatabase,
} from './databaseModel';

type Section = 'none' | 'variables' | 'pattern-variables' | 'rules' | 'files' | 'vpath' | 'other';

const SECTIONS = new Map<string, Section>([
  ['# Variables', 'variables'],
  ['# Pattern-specific Variable Values', 'pattern-variables'],
  ['# Directories', 'other'],
  ['# Implicit Rules', 'rules'],
  ['# Files', 'files'],
  ['# VPATH Search Paths', 'vpath'],
  ['# variable set hash-table stats:', 'other'],
  ['# files hash-table stats:', 'other'],
]);

const ORIGIN_WORDS = [
  'default',
  'environment',
  'environment under -e',
  'makefile',
  'command line',
  "'override' directive",
  'automatic',
];
const PLAIN_ORIGINS = new Map(ORIGIN_WORDS.map((word) => [`# ${word}`, word]));

const ORIGIN =
  /^# (default|environment|environment under -e|makefile|command line|'override' directive|automatic)( private)?(?: \(from '(.*)', line (\d+)\))?$/;
const RECIPE_FROM = /^#  recipe to execute \(from '(.*)', line (\d+)\):$/;

function endsContinued(text: string): boolean {
  return (backslashesBefore(text, text.length, 0) & 1) === 1;
}

/** Space-separated words; make prints them with single spaces and a leading one. */
function words(text: string): string[] {
  if (text === '') return [];
  const list = text.split(' ');
  return list[0] === '' || list[list.length - 1] === '' ? list.filter(Boolean) : list;
}

function splitHeader(text: string): {
  targets: string;
  doubleColon: boolean;
  prereqs: string[];
  orderOnly: string[];
} {
  const colon = text.indexOf(':');
  const doubleColon = text.charCodeAt(colon + 1) === 58;
  const rest = text.slice(colon + (doubleColon ? 2 : 1));
  const bar = rest.indexOf(' | ');
  return {
    targets: text.slice(0, colon),
    doubleColon,
    prereqs: words(bar < 0 ? rest : rest.slice(0, bar)),
    orderOnly: bar < 0 ? [] : words(rest.slice(bar + 3)),
  };
}

function unwhite(value: string): string {
  if (!value.startsWith('$(subst ,,')) return value;
  const m = /^\$\(subst ,,(.*)\)$/.exec(value);
  return m ? m[1] : value;
}

function emptyDatabase(makeVersion: string | undefined): MakeDatabase {
  return {
    makeVersion,
    variables: [],
    files: [],
    patternRules: [],
    patternVariables: [],
    vpaths: [],
    generalVpath: [],
    databases: 0,
  };
}

/** Streaming parser: push chunks as they arrive, finish() returns the model. Memory is the model only. */
export class DatabaseParser {
  private db: MakeDatabase = emptyDatabase(undefined);
  private readonly splitter = new LineSplitter((line) => this.line(line));
  private section: Section = 'none';
  private inDatabase = false;
  private origin?: { origin: string; private: boolean; file?: string; line?: number };
  private define?: { variable: DbVariable; lines: string[] };
  private pendingTargetVariables: DbVariable[] = [];
  private pendingNotTarget = false;
  private file?: DbFile;
  private rule?: DbPatternRule;
  private recipe?: DbRecipe;
  private pattern?: string;
  private readonly keep: 'first' | 'last';
  /** The last recipe line ended with an odd run of backslashes: the next printed line continues it. */
  private continued = false;

  constructor(options: { keep?: 'first' | 'last' } = {}) {
    this.keep = options.keep ?? 'first';
  }

  push(chunk: string): void {
    this.splitter.push(chunk);
  }

  finish(): MakeDatabase {
    this.splitter.finish();
    return this.db;
  }

  private line(line: string): void {
    if (!this.inDatabase) {
      if (line.startsWith('# Make data base, printed on')) {
        const count = this.db.databases + 1;
        if (this.keep === 'last' && count > 1) this.db = emptyDatabase(this.db.makeVersion);
        this.db.databases = count;
        this.inDatabase = this.keep === 'last' || count === 1;
        this.section = 'none';
        this.pendingTargetVariables = [];
        this.pendingNotTarget = false;
      } else if (this.db.makeVersion === undefined && line.startsWith('# GNU Make ')) {
        this.db.makeVersion = line.slice('# GNU Make '.length);
      }
      return;
    }
    if (this.define) return this.defineLine(line);
    // make prints a recipe line's backslash-newlines as they are: what follows belongs to the line
    // whatever it starts with (spaces, `#`, a colon), so it is never a rule or a comment.
    if (this.recipe && this.continued) {
      const lines = this.recipe.lines;
      lines[lines.length - 1] += `\n${line}`;
      this.continued = endsContinued(line);
      return;
    }
    const first = line.charCodeAt(0);
    if (first === 9) {
      const text = line.slice(1);
      this.recipe?.lines.push(text);
      this.continued = endsContinued(text);
      return;
    }
    if (first === 35 /* # */) return this.commentLine(line);
    if (line === '') {
      this.origin = undefined;
      this.recipe = undefined;
      this.file = undefined;
      this.rule = undefined;
      return;
    }
    switch (this.section) {
      case 'variables':
        return this.variableLine(line, this.db.variables);
      case 'files':
        return this.fileHeader(line);
      case 'rules':
        return this.ruleHeader(line);
      case 'pattern-variables':
        if (line.endsWith(' :')) this.pattern = line.slice(0, -2);
        return;
      case 'vpath':
        if (line.startsWith('vpath ')) {
          const [, pattern = '', dirs = ''] = line.split(' ');
          this.db.vpaths.push({ pattern, directories: dirs.split(':').filter(Boolean) });
        }
        return;
      default:
        return;
    }
  }

  private commentLine(line: string): void {
    // "#  ..." (two spaces) lines describe the current file or rule: the hot path in big databases.
    if (line.charCodeAt(1) === 32 && line.charCodeAt(2) === 32) {
      if (line.startsWith('#  recipe to execute')) this.recipeStart(line);
      else if (this.section === 'files') this.fileComment(line);
      return;
    }
    const section = SECTIONS.get(line);
    if (section !== undefined) {
      if (!(this.section === 'files' && section === 'other')) this.section = section;
      this.origin = undefined;
      this.pattern = undefined;
      return;
    }
    if (line.startsWith('# Finished Make data base')) {
      this.inDatabase = false;
      return;
    }
    const plain = PLAIN_ORIGINS.get(line);
    if (plain !== undefined) {
      this.origin = { origin: plain, private: false };
      return;
    }
    const origin = line.includes(' (from ') || line.endsWith(' private') ? ORIGIN.exec(line) : null;
    if (origin) {
      this.origin = {
        origin: origin[1],
        private: Boolean(origin[2]),
        file: origin[3],
        line: origin[4] ? Number(origin[4]) : undefined,
      };
      return;
    }
    if (this.section === 'files') {
      // "# @ := x" automatic values of the file end the origin they follow.
      if (this.origin?.origin === 'automatic' && this.file) this.automaticLine(this.file, line.slice(2));
      this.origin = undefined;
      if (line === '# Not a target:') this.pendingNotTarget = true;
      return;
    }
    if (this.section === 'pattern-variables' && this.pattern !== undefined && line.startsWith('# ')) {
      const variable = this.variable(line.slice(2));
      if (variable) this.db.patternVariables.push({ pattern: this.pattern, variable });
      return;
    }
    if (this.section === 'vpath') {
      if (line.startsWith('# General (')) this.generalPending = true;
      else if (this.generalPending && line.startsWith('# ')) {
        this.db.generalVpath = line.slice(2).split(':').filter(Boolean);
        this.generalPending = false;
      }
    }
  }

  private automaticLine(file: DbFile, text: string): void {
    const variable = this.variable(text);
    if (variable) (file.automatic ??= {})[variable.name] = variable.value;
  }

  private recipeStart(line: string): void {
    const from = RECIPE_FROM.exec(line);
    this.recipe = {
      lines: [],
      file: from?.[1],
      line: from ? Number(from[2]) : undefined,
      builtin: !from,
    };
    this.continued = false;
    if (this.file) this.file.recipe = this.recipe;
    else if (this.rule) this.rule.recipe = this.recipe;
  }

  private generalPending = false;

  private variable(text: string): DbVariable | undefined {
    // "NAME = v", "NAME := v", "NAME += v": names never hold spaces, so the first space ends the name.
    const space = text.indexOf(' ');
    if (space <= 0) return undefined;
    const c = text.charCodeAt(space + 1);
    let operator: string;
    if (c === 61) operator = '=';
    else if ((c === 58 || c === 43) && text.charCodeAt(space + 2) === 61) operator = c === 58 ? ':=' : '+=';
    else return undefined;
    const origin = this.origin ?? { origin: 'unknown', private: false };
    this.origin = undefined;
    const flavor: VariableFlavor = operator === ':=' ? 'simple' : operator === '+=' ? 'append' : 'recursive';
    const raw = unwhite(text.slice(space + operator.length + 2));
    return {
      name: text.slice(0, space),
      origin: origin.origin,
      flavor,
      value: flavor === 'simple' && raw.includes('$$') ? raw.replaceAll('$$', '$') : raw,
      file: origin.file,
      line: origin.line,
      private: origin.private,
    };
  }

  private variableLine(line: string, into: DbVariable[]): void {
    if (line.startsWith('define ')) {
      const origin = this.origin ?? { origin: 'unknown', private: false };
      this.origin = undefined;
      this.define = {
        variable: {
          name: line.slice('define '.length),
          origin: origin.origin,
          flavor: 'recursive',
          value: '',
          file: origin.file,
          line: origin.line,
          private: origin.private,
        },
        lines: [],
      };
      return;
    }
    const variable = this.variable(line);
    if (variable && variable.origin !== 'automatic') into.push(variable);
  }

  private defineLine(line: string): void {
    const define = this.define;
    if (!define) return;
    if (line !== 'endef') {
      define.lines.push(line);
      return;
    }
    define.variable.value = define.lines.join('\n');
    this.db.variables.push(define.variable);
    this.define = undefined;
  }

  private fileHeader(line: string): void {
    // "target: VAR op value" lines follow an origin comment and come before the file's header.
    if (this.origin) {
      const colon = line.indexOf(': ');
      const variable = colon > 0 ? this.variable(line.slice(colon + 2)) : undefined;
      if (variable) this.pendingTargetVariables.push(variable);
      return;
    }
    if (line.startsWith('.RECIPEPREFIX')) return;
    const header = splitHeader(line);
    this.file = {
      name: header.targets,
      prerequisites: header.prereqs,
      orderOnly: header.orderOnly,
      doubleColon: header.doubleColon,
      isTarget: !this.pendingNotTarget,
      phony: false,
      precious: false,
      builtin: false,
      intermediate: false,
      secondary: false,
      state: 'never-checked',
      updated: false,
      targetVariables: this.pendingTargetVariables,
    };
    this.pendingTargetVariables = [];
    this.pendingNotTarget = false;
    this.db.files.push(this.file);
  }

  private fileComment(line: string): void {
    const file = this.file;
    if (!file) return;
    if (line.startsWith('#  Phony target')) file.phony = true;
    else if (line.startsWith('#  Precious file')) file.precious = true;
    else if (line === '#  Builtin rule') file.builtin = true;
    else if (line.startsWith('#  File is an intermediate')) file.intermediate = true;
    else if (line.startsWith('#  File is secondary')) file.secondary = true;
    else if (line === '#  File does not exist.') file.state = 'missing';
    else if (line === '#  File is very old.') file.state = 'very-old';
    else if (line.startsWith('#  Last modified ')) file.state = line.slice('#  Last modified '.length);
    else if (line === '#  File has been updated.') file.updated = true;
    else if (line.startsWith('#  Implicit/static pattern stem: '))
      file.stem = line.slice('#  Implicit/static pattern stem: '.length).replace(/^'|'$/g, '');
    else if (
      line === '#  Successfully updated.' ||
      line === '#  Needs to be updated (-q is set).' ||
      line === '#  Failed to be updated.'
    )
      file.updateStatus = line.slice(3, -1);
  }

  private ruleHeader(line: string): void {
    if (!line.includes(':')) return;
    const header = splitHeader(line);
    this.rule = {
      targets: header.targets.split(' ').filter(Boolean),
      prerequisites: header.prereqs,
      orderOnly: header.orderOnly,
      terminal: header.doubleColon,
    };
    this.db.patternRules.push(this.rule);
  }
}

export function parseDatabase(text: string): MakeDatabase {
  const parser = new DatabaseParser();
  parser.push(text);
  return parser.finish();
}
