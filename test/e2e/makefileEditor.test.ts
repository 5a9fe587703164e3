// Opening examples/Makefile activates Makescope, and the Outline view shows the targets its language server reports.
import * as assert from 'node:assert';
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

describe('Outline of a Makefile', function () {
  let session: Session;

  before(async function () {
    session = await Session.start();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`outline-failed-${Date.now()}`);
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
    const texts = await waitFor(
      async () => {
        const shown = await workbench.statusBarTexts();
        return shown.some((text) => text.includes('Makescope')) ? shown : undefined;
      },
      { what: 'the Makescope status bar entry' },
    );
    assert.ok(texts.includes('Makefile'), `language mode in the status bar: ${texts.join(' | ')}`);
    await workbench.screenshot('outline-2-makefile-open');
  });

  it('lists targets from the language server in the Outline view', async function () {
    const { workbench } = session;
    const names = await workbench.readOutline(['all', 'clean']);
    await workbench.screenshot('outline-3-outline-view');
    assert.ok(names.includes('all') && names.includes('clean'), `outline: ${names.join(', ')}`);
  });
});
