// Every makescope command reads its options the same way: the forms a user types, and the errors they get.
import * as assert from 'node:assert';
import { probeArgs } from '../../../cli/src/args';
import { findCommand } from '../../../cli/src/commandTable';
import { evidenceArgs } from '../../../cli/src/commands/evidence';
import { parallelDiffArgs } from '../../../cli/src/commands/parallelDiff';
import { readCommandLine, UsageError } from '../../../cli/src/options';

/** The command line read against the command's options in the table. */
const read = (name: string, argv: readonly string[]) => readCommandLine(argv, findCommand(name)!.options);
const parseArgs = ([name, ...argv]: readonly string[]) => probeArgs(read(name, argv));
const parseEvidenceArgs = (argv: readonly string[]) => evidenceArgs(read('evidence', argv));
const parseParallelDiffArgs = (argv: readonly string[]) => parallelDiffArgs(read('parallel-diff', argv));

describe('makescope command-line options', () => {
  it('takes a value glued on, after =, or as the next argument, in every command', () => {
    for (const forms of [
      ['-Cproj', '-j4'],
      ['--directory=proj', '--jobs=4'],
      ['-C', 'proj', '--jobs', '4'],
    ]) {
      assert.deepStrictEqual(
        [parseArgs(['trace', ...forms]), parseEvidenceArgs(forms), parseParallelDiffArgs(forms)].map((a) => [
          a.directory,
          a.jobs,
        ]),
        [
          ['proj', 4],
          ['proj', 4],
          ['proj', 4],
        ],
        forms.join(' '),
      );
    }
  });

  it('keeps arguments after -- as targets, even when they look like options', () => {
    assert.deepStrictEqual(parseArgs(['trace', 'all', '--', '-weird', '--json']).positional, [
      'all',
      '-weird',
      '--json',
    ]);
    assert.deepStrictEqual(parseEvidenceArgs(['--', '-x']).targets, ['-x']);
    assert.deepStrictEqual(parseParallelDiffArgs(['a', '--', '-x']).targets, ['a', '-x']);
  });

  it('says which option is unknown, which needs a value and which number is wrong', () => {
    assert.throws(
      () => parseArgs(['trace', '--nope']),
      (e: Error) => e instanceof UsageError && /unknown option '--nope'/.test(e.message),
    );
    assert.throws(() => parseEvidenceArgs(['--symptom']), /--symptom needs a value/);
    assert.throws(() => parseEvidenceArgs(['--runs', 'x']), /--runs needs a positive whole number, got 'x'/);
    assert.throws(() => parseParallelDiffArgs(['-j', '1']), /-j needs a whole number of at least 2, got '1'/);
    assert.throws(() => parseParallelDiffArgs(['--runs=']), /--runs needs a whole number of at least 0/);
    assert.throws(() => parseEvidenceArgs(['--format', 'pdf']), /--format takes md, json or sarif/);
  });
});
