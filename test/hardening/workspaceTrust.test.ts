// Workspace Trust in the server: untrusted, no request starts make (a fake make leaves a canary); the manifest restricts executables.
import * as assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ResponseError } from 'vscode-jsonrpc/node';
import type { ProbeErrorData } from '../../contract/protocol';
import { fileUri, LspSession, repoRoot } from '../server/lspSession';
import { scratchProject, type Scratch } from './support/scratch';
import { tally } from './support/tally';

const PROBE_METHODS = [
  'makescope/convergence',
  'makescope/trace',
  'makescope/database',
  'makescope/resolveVariable',
  'makescope/dryRun',
  'makescope/timing',
  'makescope/collectEvidence',
  'makescope/generateRunbook',
  'makescope/parallelDiff',
];

/** A project whose configured make is a script that leaves a canary, then runs the real make. */
async function projectWithFakeMake(): Promise<{ project: Scratch; fakeMake: string; canary: string }> {
  const project = await scratchProject({ Makefile: 'CFLAGS = -O2\nall: ; @echo $(CFLAGS)\n' });
  const canary = path.join(project.root, 'make-ran');
  const fakeMake = path.join(project.root, 'fake-make');
  await writeFile(fakeMake, `#!/bin/sh\ntouch '${canary}'\nexec make "$@"\n`);
  await chmod(fakeMake, 0o755);
  return { project, fakeMake, canary };
}

async function startWithMake(folder: string, trusted: boolean, makePath: string): Promise<LspSession> {
  const { session } = await LspSession.start(folder, { trusted });
  session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => ({ makePath, resolvedHovers: true, codeLens: true })),
  );
  await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  return session;
}

describe('hardening: Workspace Trust in the server', () => {
  it('untrusted: every probe request is refused and make never starts, hovers and CodeLens included', async () => {
    const { project, fakeMake, canary } = await projectWithFakeMake();
    const session = await startWithMake(project.directory, false, fakeMake);
    try {
      const uri = fileUri(project.directory);
      for (const method of PROBE_METHODS) {
        await assert.rejects(
          session.request(method, { uri, variables: ['CFLAGS'] }),
          (error: ResponseError<ProbeErrorData>) => error.data?.kind === 'untrusted',
          method,
        );
      }
      const makefile = fileUri(path.join(project.directory, 'Makefile'));
      await session.open(makefile, readFileSync(path.join(project.directory, 'Makefile'), 'utf8'));
      await session.request('textDocument/hover', {
        textDocument: { uri: makefile },
        position: { line: 0, character: 2 },
      });
      assert.deepEqual(
        await session.request('textDocument/codeLens', { textDocument: { uri: makefile } }),
        [],
      );
      assert.equal(existsSync(canary), false, 'make ran in an untrusted workspace');
    } finally {
      await session.shutdown();
      await project.dispose();
    }
    tally('untrusted requests refused (make never started)', PROBE_METHODS.length + 2);
  });

  it('trusted (control): the same fake make is run, so the check above can see it', async () => {
    const { project, fakeMake, canary } = await projectWithFakeMake();
    const session = await startWithMake(project.directory, true, fakeMake);
    try {
      const uri = fileUri(project.directory);
      // The first probe after didChangeConfiguration already uses the configured make.
      const result = await session.request<{ groups: Array<{ target: string }> }>('makescope/dryRun', {
        uri,
      });
      assert.deepEqual(
        result.groups.map((g) => g.target),
        ['all'],
      );
      const ran = existsSync(canary);
      assert.ok(ran, 'the configured make ran in a trusted workspace');
    } finally {
      await session.shutdown();
      await project.dispose();
    }
  });

  it('the manifest: limited support in Restricted Mode; settings that name executables or arguments are restricted', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const trust = manifest.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    // maxFileSizeMB too: a workspace raising it could make the static features (which run in
    // Restricted Mode) parse a huge pathological file and exhaust the server's memory.
    for (const key of [
      'makescope.makePath',
      'makescope.extraArgs',
      'makescope.environment',
      'makescope.maxFileSizeMB',
    ])
      assert.ok(trust.restrictedConfigurations.includes(key), `${key} is a restricted configuration`);
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['makescope.makePath'].scope, 'machine-overridable');
    // Any setting naming a program (…Path) must be restricted and not settable per folder only.
    for (const [key, schema] of Object.entries(properties).filter(([key]) => /Path$/.test(key))) {
      assert.ok(trust.restrictedConfigurations.includes(key), `${key} is restricted`);
      assert.ok(
        ['machine', 'machine-overridable', 'application'].includes(schema.scope ?? ''),
        `${key} scope`,
      );
    }
  });
});
