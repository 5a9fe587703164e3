// examples/Makefile in the editor: opening it activates Makescope; outline and hovers come from its language server.
import * as assert from 'node:assert';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

describe('examples/Makefile in the editor', function () {
  let session: Session;

  before(async function () {
    session = await Session.start();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`editor-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
  });

  it('loads the workbench with examples/ open', async function () {
    const { workbench } = session;
    await workbench.explorerRow('Makefile').waitFor({ state: 'visible' });
    await workbench.screenshot('outline-1-workbench');
  });

  it('activates the extension when examples/Makefile is opened', async function () {
    const { workbench } = session;
    await workbench.openFile('Makefile');
    const status = await waitFor(
      async () =>
        (await workbench.languageStatusTexts('outline-2a-language-status')).find((text) =>
          text.includes('Makescope'),
        ),
      { what: "Makescope's language status item of Makefiles" },
    );
    const texts = await workbench.statusBarTexts();
    assert.ok(texts.includes('Makefile'), `language mode in the status bar: ${texts.join(' | ')}`);
    assert.match(status, /server (ready|starting)/, `language status: ${status}`);
    await workbench.screenshot('outline-2-makefile-open');
  });

  it('lists targets from the language server in the Outline view', async function () {
    const { workbench } = session;
    const names = await workbench.readOutline(['all', 'clean']);
    await workbench.screenshot('outline-3-outline-view');
    assert.ok(names.includes('all') && names.includes('clean'), `outline: ${names.join(', ')}`);
  });

  it('shows a hover for the variable OBJS', async function () {
    const { workbench } = session;
    // Line 7 is `OBJS := $(patsubst ...)`; column 2 is inside the name.
    const text = await workbench.hoverAt(7, 2, 'OBJS');
    await workbench.screenshot('outline-4-hover');
    assert.ok(text.includes('OBJS'), `hover: ${text}`);
  });
});
