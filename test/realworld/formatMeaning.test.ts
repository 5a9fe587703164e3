// The formatter never changes meaning on real projects: make's database is the same before and after formatting
// every makefile of git, redis, busybox, hello and libuv (Debian's sources, fetched once into .cache/).
import { realProjectTrees } from '../fidelity/support/formatCorpus';
import { assertFormattingKeepsMeaning } from '../fidelity/support/formatMeaning';

describe('formatter meaning check against make -pRrq: real projects', function () {
  this.timeout(1_200_000);

  it('leaves make’s database unchanged on every makefile of the real projects, and formatting twice changes nothing', async () => {
    await assertFormattingKeepsMeaning(await realProjectTrees());
  });
});
