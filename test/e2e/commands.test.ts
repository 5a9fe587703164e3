// Makescope's palette commands as a user runs them: F1, the command title, Enter.
import { waitFor } from '../integration/waitFor';
import { Session } from './codeServer';

describe('Commands', function () {
  let session: Session;

  before(async function () {
    session = await Session.start();
    await session.workbench.openFile('Makefile');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await session?.workbench.screenshot(`commands-failed-${Date.now()}`);
  });

  after(async function () {
    await session?.close();
  });

  it('Makescope: Show Server Status shows the Makescope output channel', async function () {
    const { workbench } = session;
    await workbench.runCommand('Makescope: Show Server Status');
    let shown: string | undefined;
    await waitFor(async () => (shown = await workbench.outputChannel()) === 'Makescope', {
      what: () => `the Output panel to show the Makescope channel (shows: ${shown ?? 'no Output panel'})`,
    });
    await workbench.screenshot('commands-1-server-status');
  });
});
