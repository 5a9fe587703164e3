// One Makefile in a fresh folder, open in a real stdio server session; a cursor marker; make run in that folder.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { fileUri, LspSession } from '../lspSession';

export interface ScratchMakefile {
  session: LspSession;
  folder: string;
  uri: string;
  /** Shuts the server down and removes the folder. */
  close(): Promise<void>;
}

export async function openScratchMakefile(text: string): Promise<ScratchMakefile> {
  const folder = await mkdtemp(path.join(tmpdir(), 'makescope-scratch-'));
  const file = path.join(folder, 'Makefile');
  await writeFile(file, text);
  const uri = fileUri(file);
  const { session } = await LspSession.start(folder);
  await session.open(uri, text);
  return {
    session,
    folder,
    uri,
    close: async () => {
      await session.shutdown();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The text without its one `|` marker, and the position the marker stood at. */
export function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0 || marked.indexOf('|', at + 1) >= 0) throw new Error(`one | marker expected in ${marked}`);
  const before = marked.slice(0, at).split('\n');
  return {
    text: marked.slice(0, at) + marked.slice(at + 1),
    position: { line: before.length - 1, character: before[before.length - 1].length },
  };
}

/** GNU make (the one on PATH) run in `folder` with LC_ALL=C and no inherited MAKEFLAGS. */
export function runMake(
  folder: string,
  args: readonly string[],
): { status: number | null; stdout: string; stderr: string } {
  const environment: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  delete environment.MAKEFLAGS;
  delete environment.MFLAGS;
  const run = spawnSync('make', args, { cwd: folder, encoding: 'utf8', env: environment, timeout: 20_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
