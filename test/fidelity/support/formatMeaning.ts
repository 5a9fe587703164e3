// The formatter's meaning check: make's database (make -pRrq) is the same before and after formatting each makefile
// of some trees, and formatting a formatted file changes nothing. Used by the fidelity layer (the suite's own
// makefiles) and the realworld layer (Debian's source trees).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatMakefile } from '../../../engine/format/formatMakefile';
import { MAKES, requireMake } from '../../probes/support/makes';
import type { MakefileTree } from './formatCorpus';
import { firstDifference, makeDatabase } from './makeDatabase';

const make = MAKES[0];

interface Tally {
  checked: number;
  changed: number;
  /** Changed files where make exits non-zero before and after alike (a missing include): it still prints the database, which is compared. */
  failingAlike: number;
  /** Files whose database differs between two runs of the unformatted file ($(shell date) and the like). */
  unstable: string[];
  differences: string[];
  notIdempotent: string[];
}

/** Bytes in, bytes out: latin1 maps every byte to one character, so a file that is not UTF-8 survives. */
const BYTES = 'latin1';

async function checkTree(tree: MakefileTree, tally: Tally): Promise<void> {
  const changed: { file: string; original: string; formatted: string }[] = [];
  for (const file of tree.makefiles) {
    const original = await fs.readFile(path.join(tree.root, file), BYTES);
    const formatted = formatMakefile(original);
    tally.checked++;
    if (formatMakefile(formatted) !== formatted) tally.notIdempotent.push(`${tree.name}/${file}`);
    if (formatted !== original) changed.push({ file, original, formatted });
  }
  tally.changed += changed.length;
  if (changed.length === 0) return;
  // make runs in a throwaway copy: $(shell ...) and makefile remaking may write next to the makefile.
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'makescope-format-'));
  try {
    await fs.cp(tree.root, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    for (const { file, original, formatted } of changed) {
      const target = path.join(copy, file);
      const { mtime } = await fs.stat(target);
      const write = async (text: string): Promise<void> => {
        await fs.writeFile(target, text, BYTES);
        await fs.utimes(target, mtime, mtime); // remaking the makefile must see the same age
      };
      const before = await makeDatabase(make.path, target);
      await write(formatted);
      const after = await makeDatabase(make.path, target);
      await write(original);
      const name = `${tree.name}/${file}`;
      if (before.exitCode !== 0 && before.exitCode === after.exitCode && before.text === after.text)
        tally.failingAlike++;
      if (before.exitCode === after.exitCode && before.text === after.text) continue;
      const again = await makeDatabase(make.path, target);
      if (again.exitCode !== before.exitCode || again.text !== before.text) {
        tally.unstable.push(name);
        continue;
      }
      tally.differences.push(
        `${name}: exit ${before.exitCode} -> ${after.exitCode}; ${firstDifference(before.text, after.text)}`,
      );
    }
  } finally {
    await fs.rm(copy, { recursive: true, force: true });
  }
}

/** Checks every makefile of `trees` with make 4.3 and fails with each file whose meaning or idempotence broke. */
export async function assertFormattingKeepsMeaning(trees: MakefileTree[]): Promise<void> {
  requireMake(make);
  const tally: Tally = {
    checked: 0,
    changed: 0,
    failingAlike: 0,
    unstable: [],
    differences: [],
    notIdempotent: [],
  };
  for (const tree of trees) await checkTree(tree, tally);
  console.log(
    `      ${tally.checked} makefiles checked, ${tally.changed} changed by the formatter, ` +
      `${tally.failingAlike} of those with make exiting non-zero both times (a missing include; the database it prints is compared all the same), ` +
      `${tally.unstable.length} with a database that differs between two runs of the same file${
        tally.unstable.length > 0 ? ` (${tally.unstable.join(', ')})` : ''
      }`,
  );
  assert.ok(tally.changed > 0, 'the formatter changed no file: the check proved nothing');
  assert.deepEqual(tally.notIdempotent, [], 'formatting a formatted file changes nothing');
  assert.deepEqual(tally.differences, [], 'make reads every formatted file as it read the original');
}
