// The parser's split of a call's arguments, checked against what make 4.3 and 4.4.1 print for the same call.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseMakefile } from '../../engine/parser/parser';
import { MAKES, requireMake } from './support/makes';
import { runMake } from './support/runMake';

// `$(if ,THEN,ELSE)`: make prints its else part as written (no `$` in it), so what it prints is
// exactly the text of the parser's third argument.
const CALLS = [
  '$(if ,${x,y})',
  '$(if ,${x,y},z)',
  '${if ,$(x,y)}',
  '$(if ,${x,(y,)},w)',
  '$(if ,(${x,y}))',
  '$(if ,$(a,b),c)',
];

function elsePartOf(call: string): string {
  const calls = parseMakefile(`$(info [${call}])\n`).references.filter((r) => r.functionName === 'if');
  assert.equal(calls.length, 1, call);
  return calls[0].args?.[2]?.text ?? '';
}

for (const make of MAKES) {
  describe(`function arguments against make ${make.version}`, () => {
    before(() => requireMake(make));

    it("splits a call's arguments where make does, commas inside the other kind of brace included", async () => {
      const directory = await mkdtemp(path.join(tmpdir(), 'makescope-args-'));
      try {
        const lines = CALLS.map((call) => `$(info [${call}])`);
        await writeFile(path.join(directory, 'Makefile'), `${lines.join('\n')}\nall:;@:\n`);
        const { status, output } = runMake(make.path, directory, []);
        assert.equal(status, 0, output);
        const printed = output
          .split('\n')
          .filter((line) => line.startsWith('['))
          .map((line) => line.slice(1, -1));
        assert.deepEqual(
          CALLS.map((call) => [call, elsePartOf(call)]),
          CALLS.map((call, k) => [call, printed[k]]),
        );
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    });
  });
}
