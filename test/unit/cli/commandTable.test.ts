// Every command of the table: its help (three ways to ask), and a usage error that exits 2 with the command's usage.
import * as assert from 'node:assert/strict';
import { runCli } from '../../../cli/src/cli';
import { COMMAND_TABLE } from '../../../cli/src/commandTable';
import { DEFAULT_MAX_SANDBOX_BYTES } from '../../../engine/parallel/parallelDiffProbe';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { write: (text: string) => (stdout += text) },
    { write: (text: string) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

describe('makescope command table', () => {
  for (const command of COMMAND_TABLE) {
    describe(command.name, () => {
      it('prints its own usage for --help, -h and `makescope help NAME`, listing its options', async () => {
        const help = await cli([command.name, '--help']);
        assert.equal(help.code, 0, help.stderr);
        assert.equal(help.stderr, '');
        const usage = new RegExp(`^Usage: makescope ${command.name}\\b.*\\[options\\]$`, 'm');
        assert.match(help.stdout, usage);
        assert.equal(help.stdout.match(/^Usage:/gm)?.length, 1, 'one usage, this command only');
        for (const option of command.options.filter((o) => o.help !== ''))
          assert.match(help.stdout, new RegExp(`^ {2}(-\\w, | {4})--${option.name}\\b`, 'm'), option.name);
        assert.match(help.stdout, /^ {2}-h, --help/m);
        assert.match(help.stdout, /^Exit codes: 0 /m);
        assert.deepEqual(await cli([command.name, '-h']), help);
        assert.deepEqual(await cli(['help', command.name]), help);
        assert.deepEqual(await cli([command.name, '-C', '/nonexistent', '--help']), help);
      });

      it('refuses an unknown option with exit 2, one line naming it and the usage', async () => {
        const refused = await cli([command.name, '--frobnicate']);
        assert.equal(refused.code, 2);
        assert.equal(refused.stdout, '');
        assert.match(
          refused.stderr,
          new RegExp(
            `^makescope: unknown option '--frobnicate'.*; usage: makescope ${command.name}\\b.*\\n$`,
          ),
        );
      });

      it('refuses an option without its value, and a flag given a value', async () => {
        const missing = await cli([command.name, '-C']);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /^makescope: -C needs a value; usage: /);
        const flagged = await cli([command.name, '--help=yes']);
        assert.equal(flagged.code, 2);
        assert.match(flagged.stderr, /^makescope: --help takes no value, got 'yes'/);
      });
    });
  }

  it('lists every command in the top-level help, which `makescope`, -h and `help` all print', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    for (const command of COMMAND_TABLE)
      assert.match(help.stdout, new RegExp(`^ {2}${command.name}\\b`, 'm'));
    assert.match(help.stdout, /^ {2}parallel-diff \[TARGET\.\.\.\]/m);
    for (const argv of [[], ['-h'], ['help']]) assert.deepEqual(await cli(argv), help, argv.join(' '));
  });

  it('refuses an unknown command with exit 2', async () => {
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^makescope: unknown command 'frobnicate'/);
    assert.equal((await cli(['help', 'frobnicate'])).code, 2);
  });

  it('takes --help after -- as a target, not as a request for help', async () => {
    const run = await cli(['dry-run', '--make', '/nonexistent/make', '--', '--help']);
    assert.equal(run.code, 2);
    assert.doesNotMatch(run.stdout, /Usage:/);
  });

  it("states parallel-diff's real default size limit", async () => {
    const help = await cli(['parallel-diff', '--help']);
    assert.match(help.stdout, new RegExp(`\\(default ${DEFAULT_MAX_SANDBOX_BYTES / 1048576}\\)`));
  });
});
