// With workspace trust on and the folder not trusted, Makescope still activates and its static features work.
import * as assert from 'node:assert';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

describe('Restricted Mode', function () {
  let session: Session;

  before(async function () {
    session = await Session.start({ trust: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`restricted-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
  });

  it('opens examples/ untrusted when the trust prompt is declined', async function () {
    const { workbench } = session;
    await workbench.answerTrustPrompt(false);
    await waitFor(async () => (await workbench.statusBarTexts()).includes('Restricted Mode'), {
      what: 'the Restricted Mode status bar entry',
    });
    await workbench.screenshot('restricted-1-untrusted');
  });

  it('lists targets in the Outline view of examples/Makefile', async function () {
    const { workbench } = session;
    await workbench.openFile('Makefile');
    await waitFor(
      async () => (await workbench.languageStatusTexts()).some((text) => text.includes('Makescope')),
      { what: "Makescope's language status item of Makefiles" },
    );
    const names = await workbench.readOutline(['all', 'clean']);
    await workbench.screenshot('restricted-2-outline');
    assert.ok(names.includes('all'), `outline: ${names.join(', ')}`);
  });
});
