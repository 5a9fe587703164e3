// One isolated session: make runs at the project's own paths, its writes land in a private upper layer.
import { lstat, mkdir, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { runProcess, type ExecRequest, type ExecResult } from '../exec';
import { ProbeError } from '../probeOptions';
import { withScratch } from '../scratchFolders';
import { compiledLauncher } from './compiledLauncher';
import { forgetKeptIsolationSupport, prepareLayout, type IsolationSupport } from './isolationSupport';
import { LAUNCHER_FAILED, LAUNCHER_MESSAGE, launcherCommand, type OverlayKind } from './namespaceLauncher';
import { isInside, type ProjectRoot } from './projectRoot';
import { readUpperLayer, type LayerEntry, type UpperLayer } from './upperLayer';

export interface WrittenFile {
  /** The real path, as make named it. */
  path: string;
  change: 'created' | 'changed' | 'deleted';
  kind: LayerEntry['kind'];
}

export interface IsolatedRequest extends Omit<ExecRequest, 'cwd'> {
  cwd: string;
  /** Runs the program with stderr on stdout (for --output-sync). */
  mergeStderr?: boolean;
  /** Programs the run starts (make): one under /tmp stays visible, read-only, in the private /tmp. */
  programs?: readonly string[];
}

export interface IsolationSession {
  kind: OverlayKind;
  /** The folder the overlay covers, and why that one. */
  root: ProjectRoot;
  /** A folder for the probe's own files (helper makefiles, logs), the same path inside and out. */
  files: string;
  run(request: IsolatedRequest): Promise<ExecResult>;
  /** What the upper layer holds now. */
  layer(): Promise<UpperLayer>;
  /** The files written since `before` (a layer read earlier), or since the session started. */
  written(before?: UpperLayer): Promise<WrittenFile[]>;
  /** Where the content the isolated runs see at `file` is read from outside; undefined when they deleted it. */
  contentPath(file: string, layer: UpperLayer): string | undefined;
}

/** The namespace could not be made; `stale` when the isolation answer in use was a kept one (now forgotten). */
export class IsolationStartError extends ProbeError {
  constructor(
    message: string,
    readonly stale: boolean,
  ) {
    super(message, 'sandbox');
  }
}

function same(a: LayerEntry | undefined, b: LayerEntry): boolean {
  return (
    a !== undefined &&
    a.kind === b.kind &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

/**
 * The folders of programs under /tmp outside the project: the private /tmp would hide them. Their
 * mount points are made in the private /tmp here.
 */
async function visibleFolders(
  programs: readonly string[],
  root: string,
  privateTmp: string,
): Promise<string[]> {
  const folders: string[] = [];
  for (const program of programs) {
    if (!path.isAbsolute(program)) continue;
    const folder = path.dirname(await realpath(program).catch(() => program));
    if (!folder.startsWith('/tmp/') || isInside(folder, root) || folders.includes(folder)) continue;
    await mkdir(path.join(privateTmp, folder.slice('/tmp'.length)), { recursive: true });
    folders.push(folder);
  }
  return folders;
}

async function existsOutside(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

export async function withIsolation<T>(
  support: Extract<IsolationSupport, { kind: OverlayKind }>,
  root: ProjectRoot,
  work: (session: IsolationSession) => Promise<T>,
): Promise<T> {
  return withScratch(
    'iso',
    async (scratch) => {
      const layout = await prepareLayout(
        scratch,
        root.root,
        support.kind,
        support.userNamespace,
        support.fuseOverlayfs,
      );
      const layer = (): Promise<UpperLayer> => readUpperLayer(layout.upper, layout.root);
      const session: IsolationSession = {
        kind: support.kind,
        root,
        files: layout.files,
        layer,
        run: async (request) => {
          const visible = await visibleFolders(request.programs ?? [], layout.root, layout.privateTmp);
          const command = launcherCommand(layout, { ...request, visible }, await compiledLauncher());
          const result = await runProcess({ ...request, ...command, cwd: '/' });
          const said = result.stderr.split('\n').find((line) => line.startsWith(LAUNCHER_MESSAGE));
          if (result.exitCode === LAUNCHER_FAILED && said !== undefined)
            throw new IsolationStartError(
              `the isolated run could not start: ${said}`,
              await forgetKeptIsolationSupport(),
            );
          return result;
        },
        written: async (before) => {
          const written: WrittenFile[] = [];
          const current = await layer();
          // A file an earlier run created and this one deleted leaves no whiteout: it is just gone.
          for (const [file, entry] of before ?? [])
            if (!current.has(file) && entry.kind !== 'deleted')
              written.push({ path: file, change: 'deleted', kind: entry.kind });
          for (const [file, entry] of current) {
            const earlier = before?.get(file);
            if (same(earlier, entry)) continue;
            // Existed before: in the earlier layer (written by an earlier run), or in the project.
            const existed = earlier ? earlier.kind !== 'deleted' : await existsOutside(file);
            if (entry.kind === 'deleted' && !existed) continue;
            if (entry.kind === 'directory' && existed) continue;
            const change = entry.kind === 'deleted' ? 'deleted' : existed ? 'changed' : 'created';
            written.push({ path: file, change, kind: entry.kind });
          }
          return written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        },
        contentPath: (file, current) => {
          const entry = current.get(file);
          if (entry !== undefined)
            return entry.kind === 'deleted'
              ? undefined
              : path.join(layout.upper, path.relative(layout.root, file));
          // A folder deleted by the runs takes everything under it along.
          for (
            let folder = path.dirname(file);
            isInside(folder, layout.root);
            folder = path.dirname(folder)
          ) {
            if (current.get(folder)?.kind === 'deleted') return undefined;
            if (folder === layout.root) break;
          }
          return file;
        },
      };
      return work(session);
    },
    root.root,
  );
}
