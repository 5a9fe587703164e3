// `makescope index` on Debian's git source: the index is read back by the test's own reader, and every variable
// `make -pRrq` reports from git's makefiles is defined in it at make's file:line, but for names only `$(eval)` and
// `unexport` make (which the static model does not hold). The tree it reads stays unchanged.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runProcess } from '../../engine/probes/exec';
import { parseDatabase } from '../../engine/probes/parsers/databaseParser';
import { readScipIndex } from '../shared/scipReader';
import { parseScipSymbol } from '../shared/scipSymbolGrammar';
import { PRISTINE_ROOT } from './support/projects';
import { describeRun, runCli } from './support/runCli';
import { compareFingerprints, fingerprintTree } from './support/treeFingerprint';

const run = promisify(execFile);
const GIT = path.join(PRISTINE_ROOT, 'git');

describe('makescope index (SCIP) on git', function () {
  this.timeout(600_000);
  let scratch: string;
  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'makescope-index-git-'));
  });
  after(() => rm(scratch, { recursive: true, force: true }));

  it("defines git's variables at make's file:line, each symbol valid and documented once, the tree unchanged", async () => {
    const before = await fingerprintTree(GIT);
    const output = path.join(scratch, 'git.scip');
    const indexed = await runCli(['index', '-C', GIT, '-o', output], { cwd: scratch, tmp: scratch });
    assert.equal(indexed.exitCode, 0, describeRun(indexed));
    assert.deepEqual(compareFingerprints(GIT, before, await fingerprintTree(GIT)), []);
    const scip = readScipIndex(await readFile(output));

    const definitions = new Set<string>();
    const documented = new Set<string>();
    for (const document of scip.documents) {
      for (const occurrence of document.occurrences) {
        const parsed = parseScipSymbol(occurrence.symbol);
        assert.ok('descriptors' in parsed, occurrence.symbol);
        const [root, name] = parsed.descriptors;
        if ((occurrence.symbolRoles & 1) !== 0 && name.suffix === '.' && root.name === 'Makefile')
          definitions.add(`${name.name} ${document.relativePath}:${occurrence.range[0] + 1}`);
      }
      for (const symbol of document.symbols) {
        assert.ok(!documented.has(symbol.symbol), `${symbol.symbol} documented once`);
        documented.add(symbol.symbol);
      }
    }

    // make remakes git's GIT-VERSION-FILE even under -q: it reads a copy.
    const copy = path.join(scratch, 'git');
    await run('cp', ['-a', GIT, copy]);
    const database = await runProcess({
      file: 'make',
      args: ['-pRrq', '__makescope_no_goal__'],
      cwd: copy,
      timeoutMs: 300_000,
      maxOutputBytes: 256 * 1024 * 1024,
    });
    assert.equal(database.outcome, 'exited', database.message);
    const db = parseDatabase(database.stdout);
    const fromMakefiles = [...db.variables, ...db.files.flatMap((file) => file.targetVariables)].filter(
      (v) => v.file && v.line && !path.isAbsolute(v.file) && v.name !== 'MAKEFILE_LIST',
    );
    const sourceLine = async (file: string, line: number): Promise<string> =>
      (await readFile(path.join(GIT, file), 'utf8')).split('\n')[line - 1] ?? '';
    const missing: string[] = [];
    for (const variable of fromMakefiles) {
      const where = `${variable.file}:${variable.line}`;
      if (definitions.has(`${variable.name} ${where}`)) continue;
      const text = await sourceLine(variable.file as string, variable.line as number);
      if (/\$\(eval\b/.test(text) || /^\s*unexport\b/.test(text)) continue;
      missing.push(`${variable.name} at ${where}: ${text.trim()}`);
    }
    assert.ok(fromMakefiles.length > 300, `${fromMakefiles.length} variables from git's makefiles`);
    assert.deepEqual(missing, [], "variables make defines that the index does not define at make's line");
  });
});
