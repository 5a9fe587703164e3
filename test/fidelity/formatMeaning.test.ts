// The formatter never changes meaning on the suite's own makefiles (fixtures and examples): make's database is
// the same before and after formatting. The realworld layer runs the same check on Debian's source trees.
import { suiteTrees } from './support/formatCorpus';
import { assertFormattingKeepsMeaning } from './support/formatMeaning';

describe('formatter meaning check against make -pRrq: fixtures and examples', function () {
  this.timeout(600_000);

  it('leaves make’s database unchanged on every makefile, and formatting twice changes nothing', async () => {
    await assertFormattingKeepsMeaning(await suiteTrees());
  });
});
