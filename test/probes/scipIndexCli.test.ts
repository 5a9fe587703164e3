// `makescope index` run as a user runs it (node dist/cli.js), its SCIP bytes read back by the test's own protobuf
// reader, and what they say checked against make's database (make -pRrq on 4.3 and 4.4.1): the documents are
// MAKEFILE_LIST, every variable is defined at make's file:line, every target make knows has its definition, every
// prerequisite is one make lists; and each reference points where Go to Definition points.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pathToUri } from '../../engine/analysis/uris';
import { WorkspaceModel } from '../../engine/analysis/workspaceModel';
import { parseDatabase } from '../../engine/probes/parsers/databaseParser';
import type { MakeDatabase } from '../../engine/probes/parsers/databaseModel';
import { runProcess } from '../../engine/probes/exec';
import { PRODUCT_VERSION } from '../../engine/version';
import { definition } from '../../server/src/features/definition';
import { readScipIndex, type ReadDocument, type ReadIndex, type ReadOccurrence } from '../shared/scipReader';
import { parseScipSymbol, type ParsedSymbol } from '../shared/scipSymbolGrammar';
import { MAKES, repoRoot, requireMake } from './support/makes';

const CLI = path.join(repoRoot, 'dist', 'cli.js');
const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'scip-index');
const DEFINITION = 1;
/** Set by make itself while reading, not by a line of the makefiles. */
const MAKE_OWN = new Set(['MAKEFILE_LIST', 'CURDIR']);

function index(cwd: string, ...args: string[]): { code: number | null; stdout: Buffer; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'index', ...args], { cwd, timeout: 60_000 });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString() };
}

async function database(make: string): Promise<MakeDatabase> {
  const result = await runProcess({
    file: make,
    args: ['-pRrq', '__makescope_no_goal__'],
    cwd: FIXTURE,
    timeoutMs: 60_000,
    maxOutputBytes: 16 * 1024 * 1024,
  });
  assert.equal(result.outcome, 'exited', result.message);
  return parseDatabase(result.stdout);
}

interface Found extends ReadOccurrence {
  document: string;
  parsed: ParsedSymbol;
  name: string;
  kind: 'variable' | 'target';
}

function occurrences(scip: ReadIndex): Found[] {
  return scip.documents.flatMap((document) =>
    document.occurrences.map((occurrence) => {
      const parsed = parseScipSymbol(occurrence.symbol);
      assert.ok('descriptors' in parsed, `${occurrence.symbol} is a global symbol`);
      const last = parsed.descriptors.at(-1) as { name: string; suffix: string };
      const kind = last.suffix === '.' ? 'variable' : last.suffix === ':' ? 'target' : undefined;
      assert.ok(kind, `${occurrence.symbol}: a term (variable) or meta (target) descriptor`);
      return { ...occurrence, document: document.relativePath, parsed, name: last.name, kind };
    }),
  );
}

const isDefinition = (occurrence: ReadOccurrence): boolean => (occurrence.symbolRoles & DEFINITION) !== 0;

/** The definitions of `kind` in `document` on the 0-based `line` (of `name`, when given). */
function definitionsAt(
  found: readonly Found[],
  kind: Found['kind'],
  document: string,
  line: number,
  name?: string,
): Found[] {
  return found.filter(
    (o) =>
      isDefinition(o) &&
      o.kind === kind &&
      o.document === document &&
      o.range[0] === line &&
      (name === undefined || o.name === name),
  );
}
const lines = (relativePath: string): string[] =>
  readFileSync(path.join(FIXTURE, relativePath), 'utf8').split('\n');

describe('makescope index (SCIP)', function () {
  this.timeout(120_000);
  let output: string;
  let bytes: Buffer;
  let scip: ReadIndex;
  let found: Found[];

  before(async () => {
    await fs.access(CLI).catch(() => {
      throw new Error(`${CLI} is missing: run node esbuild.mjs first`);
    });
    output = await fs.mkdtemp(path.join(os.tmpdir(), 'makescope-index-'));
    const run = index(output, '-C', FIXTURE);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^wrote index\.scip: \d+ bytes, 2 document\(s\), \d+ occurrences/m);
    bytes = await fs.readFile(path.join(output, 'index.scip'));
    scip = readScipIndex(bytes);
    found = occurrences(scip);
  });
  after(() => fs.rm(output, { recursive: true, force: true }));

  it('writes the same bytes to standard output with -o -, and nothing into the project', async () => {
    const run = index(output, '-C', FIXTURE, '-o', '-');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout, bytes);
    assert.deepEqual((await fs.readdir(FIXTURE)).sort(), ['Makefile', 'mk']);
  });

  it('opens with its metadata: makescope and its version, the project root as a URI, UTF-8 files', () => {
    assert.equal(scip.fieldOrder[0], 1, 'metadata comes first, for streaming readers');
    assert.equal(scip.metadata.toolName, 'makescope');
    assert.equal(scip.metadata.toolVersion, PRODUCT_VERSION);
    assert.equal(scip.metadata.projectRoot, pathToFileURL(FIXTURE).href);
    assert.equal(scip.metadata.textDocumentEncoding, 1, 'TextEncoding.UTF8');
  });

  it('gives every occurrence a valid global symbol in the namespace of the makefile make starts from', () => {
    assert.ok(found.length > 20, `${found.length} occurrences`);
    for (const occurrence of found) {
      const { scheme, manager, descriptors } = occurrence.parsed;
      assert.deepEqual([scheme, manager, descriptors.length], ['makescope', 'make', 2], occurrence.symbol);
      assert.deepEqual(descriptors[0], { name: 'Makefile', suffix: '/' }, occurrence.symbol);
      assert.ok([3, 4].includes(occurrence.range.length), `${occurrence.symbol}: range ${occurrence.range}`);
    }
  });

  it('counts columns in UTF-16 code units, as each document says: every range holds its name', () => {
    for (const document of scip.documents) {
      assert.equal(document.language, 'Makefile');
      assert.equal(document.positionEncoding, 2, 'UTF16CodeUnitOffsetFromLineStart');
    }
    for (const occurrence of found) {
      const [line, start, end] = occurrence.range;
      assert.equal(lines(occurrence.document)[line].slice(start, end), occurrence.name, occurrence.symbol);
    }
    // `BANNER = ü $(GREETING)`: the ü is one UTF-16 unit (two UTF-8 bytes), so GREETING starts at 13.
    const greeting = found.find((o) => o.name === 'GREETING' && !isDefinition(o) && o.range[0] === 7);
    assert.deepEqual(greeting?.range, [7, 13, 21]);
  });

  for (const make of MAKES) {
    describe(`against make ${make.version}'s database`, () => {
      let db: MakeDatabase;
      before(async () => {
        requireMake(make);
        db = await database(make.path);
      });

      it('has one document per makefile make read (MAKEFILE_LIST)', () => {
        const list = db.variables.find((variable) => variable.name === 'MAKEFILE_LIST');
        const read = (list?.value ?? '').trim().split(/\s+/).sort();
        assert.deepEqual(
          scip.documents.map((document: ReadDocument) => document.relativePath),
          read,
        );
      });

      it("defines every variable at make's file:line, and no variable make does not know", () => {
        const fromMakefiles = [
          ...db.variables,
          ...db.files.flatMap((file) => file.targetVariables),
          ...db.patternVariables.map((pattern) => pattern.variable),
        ].filter((variable) => variable.file && variable.line && !MAKE_OWN.has(variable.name));
        assert.ok(fromMakefiles.length >= 7, `${fromMakefiles.length} variables from makefiles`);
        for (const variable of fromMakefiles) {
          const at = definitionsAt(
            found,
            'variable',
            variable.file as string,
            (variable.line as number) - 1,
            variable.name,
          );
          assert.ok(at.length > 0, `${variable.name}: a definition at ${variable.file}:${variable.line}`);
        }
        const known = new Set(fromMakefiles.map((variable) => variable.name));
        for (const o of found.filter((o) => isDefinition(o) && o.kind === 'variable'))
          assert.ok(
            known.has(o.name),
            `${o.name} (${o.document}:${o.range[0] + 1}) is a variable make knows`,
          );
      });

      it("defines every target make knows at its rule (the line above make's recipe line), and only those", () => {
        const targets = db.files.filter((file) => file.isTarget && !file.builtin);
        const patterns = db.patternRules.filter((rule) => rule.recipe && !rule.recipe.builtin);
        const named = [
          ...targets.map((file) => ({ name: file.name, recipe: file.recipe })),
          ...patterns.flatMap((rule) => rule.targets.map((name) => ({ name, recipe: rule.recipe }))),
        ];
        assert.ok(named.length >= 7, `${named.length} targets`);
        for (const { name, recipe } of named) {
          const definitions = found.filter((o) => isDefinition(o) && o.kind === 'target' && o.name === name);
          assert.ok(definitions.length > 0, `${name}: a definition`);
          if (recipe?.file && recipe.line)
            assert.ok(
              definitions.some(
                (o) => o.document === recipe.file && o.range[0] === (recipe.line as number) - 2,
              ),
              `${name}: its rule right above its recipe at ${recipe.file}:${recipe.line}`,
            );
        }
        const known = new Set(named.map((target) => target.name));
        for (const o of found.filter((o) => isDefinition(o) && o.kind === 'target'))
          assert.ok(known.has(o.name), `${o.name} is a target make knows`);
      });

      it('lists as a prerequisite only what make lists as a prerequisite of that rule', () => {
        const prerequisites = found.filter((o) => !isDefinition(o) && o.kind === 'target');
        assert.ok(prerequisites.length >= 5, `${prerequisites.length} prerequisites`);
        for (const prerequisite of prerequisites) {
          const ruleTargets = definitionsAt(found, 'target', prerequisite.document, prerequisite.range[0]);
          assert.ok(ruleTargets.length > 0, `${prerequisite.name}: on a rule line`);
          for (const target of ruleTargets) {
            const file = db.files.find((f) => f.name === target.name);
            const pattern = db.patternRules.find((rule) => rule.targets.includes(target.name));
            const listed = file
              ? [...file.prerequisites, ...file.orderOnly]
              : [...(pattern?.prerequisites ?? []), ...(pattern?.orderOnly ?? [])];
            assert.ok(
              listed.includes(prerequisite.name),
              `make lists ${prerequisite.name} for ${target.name}`,
            );
          }
        }
      });
    });
  }

  it('ties each reference to the definitions Go to Definition finds, across the include', () => {
    const model = new WorkspaceModel({ maxFileBytes: 1048576, includeDirs: [] });
    model.addKnownFile(path.join(FIXTURE, 'Makefile'));
    model.addKnownFile(path.join(FIXTURE, 'mk', 'flags.mk'));
    const references = found.filter((o) => !isDefinition(o));
    let checked = 0;
    for (const reference of references) {
      const uri = pathToUri(path.join(FIXTURE, reference.document));
      const targets = definition(model, uri, { line: reference.range[0], character: reference.range[1] });
      for (const location of targets) {
        const where = path.relative(FIXTURE, new URL(location.uri).pathname);
        const definitionThere = found.find(
          (o) =>
            isDefinition(o) &&
            o.document === where &&
            o.range[0] === location.range.start.line &&
            o.range[1] === location.range.start.character,
        );
        // A prerequisite with no rule leads to the source file itself, which has no occurrence.
        if (!definitionThere && reference.kind === 'target') continue;
        assert.equal(definitionThere?.symbol, reference.symbol, `${reference.name} at ${reference.range}`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} references checked`);
    const cflags = found.filter((o) => o.name === 'CFLAGS' && o.kind === 'variable');
    assert.deepEqual(
      [...new Set(cflags.map((o) => `${o.document}:${o.range[0] + 1}:${isDefinition(o) ? 'def' : 'ref'}`))],
      ['Makefile:6:def', 'Makefile:14:ref', 'Makefile:20:ref', 'Makefile:22:def', 'mk/flags.mk:3:def'],
    );
    assert.equal(new Set(cflags.map((o) => o.symbol)).size, 1, 'one symbol for CFLAGS in both files');
  });

  it("documents each symbol once, with its kind and every definition's line, in make's reading order", () => {
    const all = scip.documents.flatMap((document) =>
      document.symbols.map((symbol) => ({ ...symbol, document: document.relativePath })),
    );
    assert.equal(new Set(all.map((symbol) => symbol.symbol)).size, all.length, 'no symbol documented twice');
    const defined = new Set(found.filter(isDefinition).map((o) => o.symbol));
    assert.deepEqual(new Set(all.map((symbol) => symbol.symbol)), defined);
    const cflags = all.find((symbol) => symbol.displayName === 'CFLAGS');
    assert.equal(cflags?.document, 'mk/flags.mk', 'with its first definition: make reads flags.mk at line 2');
    assert.equal(cflags?.kind, 61, 'Kind.Variable');
    assert.deepEqual(
      cflags?.documentation.map((text) => text.split('\n')[0]),
      ['`mk/flags.mk:3`', '`Makefile:6`', '`Makefile:22`'],
    );
    assert.match(cflags?.documentation[0] ?? '', /```makefile\nCFLAGS = -O2 -Wall\n```/);
    assert.match(cflags?.documentation[2] ?? '', /```makefile\ndebug: CFLAGS \+= -g\n```/);
    const app = all.find((symbol) => symbol.displayName === 'app');
    assert.match(
      app?.documentation[0] ?? '',
      /^`Makefile:13`\n\n```makefile\napp: \$\(OBJS\) \| build\n```$/,
    );
    for (const o of found.filter(isDefinition)) {
      const [line, start, end] = o.range;
      const enclosing = o.enclosingRange;
      assert.ok(enclosing.length >= 3 && enclosing[0] <= line && enclosing[1] <= start, o.symbol);
      assert.ok(enclosing.length === 4 || enclosing[2] >= end, `${o.symbol}: enclosing ${enclosing}`);
    }
  });
});

describe('makescope index (SCIP) of two makes sharing an include', function () {
  this.timeout(120_000);
  const SHARED = path.join(repoRoot, 'test', 'fixtures', 'scip-index-shared');
  let output: string;
  let found: Found[];

  before(async () => {
    output = await fs.mkdtemp(path.join(os.tmpdir(), 'makescope-index-'));
    const run = index(output, '-C', SHARED, '-o', 'shared.scip');
    assert.equal(run.code, 0, run.stderr);
    found = occurrences(readScipIndex(await fs.readFile(path.join(output, 'shared.scip'))));
  });
  after(() => fs.rm(output, { recursive: true, force: true }));

  for (const make of MAKES)
    it(`defines each variable in each make's own namespace at make ${make.version}'s file:line`, async () => {
      requireMake(make);
      for (const rootMakefile of ['Makefile', 'docs/Makefile']) {
        const cwd = path.join(SHARED, path.dirname(rootMakefile));
        const result = await runProcess({
          file: make.path,
          args: ['-pRrq', '__makescope_no_goal__'],
          cwd,
          timeoutMs: 60_000,
          maxOutputBytes: 16 * 1024 * 1024,
        });
        const variables = parseDatabase(result.stdout).variables.filter(
          (variable) => variable.file && variable.line && !MAKE_OWN.has(variable.name),
        );
        assert.deepEqual(variables.map((variable) => variable.name).sort(), ['QUIET', 'VERSION']);
        for (const variable of variables) {
          const file = path.relative(SHARED, path.resolve(cwd, variable.file as string));
          const at = definitionsAt(found, 'variable', file, (variable.line as number) - 1, variable.name);
          assert.deepEqual(
            at.map((o) => o.parsed.descriptors[0].name).sort(),
            ['Makefile', 'docs/Makefile'],
            `${variable.name} at ${file}:${variable.line}: one definition per make that reads it`,
          );
        }
        const references = found.filter((o) => !isDefinition(o) && o.document === rootMakefile);
        assert.ok(references.length >= 2, `${rootMakefile}: ${references.length} references`);
        for (const reference of references)
          assert.equal(
            reference.parsed.descriptors[0].name,
            rootMakefile,
            `${reference.symbol} in ${rootMakefile}`,
          );
      }
    });
});
