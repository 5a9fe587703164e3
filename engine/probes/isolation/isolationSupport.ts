// Which isolation this machine allows (overlayfs, fuse-overlayfs or none), found by trying it, kept while nothing it depends on changes.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { forget, recall, remember } from '../detectionCache';
import { runProcess } from '../exec';
import { findOnPath } from '../findOnPath';
import { withScratch } from '../scratchFolders';
import { compiledLauncher } from './compiledLauncher';
import { isolationKey } from './isolationKey';
import {
  LAUNCHER_MESSAGE,
  launcherCommand,
  launcherSupported,
  privateTmpMountPoints,
  type NamespaceLayout,
  type OverlayKind,
} from './namespaceLauncher';

export type IsolationSupport =
  | { kind: OverlayKind; userNamespace: boolean; fuseOverlayfs?: string }
  | { kind: 'none'; why: string };

/** What a user can do when namespaces are refused, said once in every refusal. */
export const ALLOW_NAMESPACES =
  'allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 on Debian; ' +
  'kernel.apparmor_restrict_unprivileged_userns=0 or an AppArmor profile on Ubuntu 23.10+; ' +
  'user.max_user_namespaces > 0), or install fuse-overlayfs';

/** The folder layout of a session, inside a scratch folder. */
export async function prepareLayout(
  scratch: string,
  root: string,
  kind: OverlayKind,
  userNamespace: boolean,
  fuseOverlayfs?: string,
): Promise<NamespaceLayout> {
  const layout: NamespaceLayout = {
    kind,
    userNamespace,
    root,
    upper: path.join(scratch, 'upper'),
    work: path.join(scratch, 'work'),
    privateTmp: path.join(scratch, 'tmp'),
    files: path.join(scratch, 'files'),
    fuseOverlayfs,
  };
  // Side by side, not one after another: each await is a trip through the thread pool.
  await Promise.all(
    [layout.upper, layout.work, layout.files].map((folder) =>
      mkdir(folder, { recursive: true, mode: 0o700 }),
    ),
  );
  await mkdir(layout.privateTmp, { recursive: true, mode: 0o700 });
  await Promise.all(privateTmpMountPoints(layout).map((folder) => mkdir(folder, { recursive: true })));
  return layout;
}

/** Tries one isolated write of a file in a throwaway root; undefined when it worked, else why not. */
async function attempt(
  kind: OverlayKind,
  userNamespace: boolean,
  fuse?: string,
): Promise<string | undefined> {
  return withScratch('check', async (scratch) => {
    const root = path.join(scratch, 'project');
    await mkdir(root);
    await writeFile(path.join(root, 'file'), 'lower\n');
    const layout = await prepareLayout(path.join(scratch, 'layers'), root, kind, userNamespace, fuse);
    const compiled = await compiledLauncher();
    const command = launcherCommand(
      layout,
      { file: '/bin/sh', args: ['-c', 'echo upper > file'], cwd: root },
      compiled,
    );
    const result = await runProcess({ ...command, cwd: '/', timeoutMs: 10_000, maxOutputBytes: 65536 });
    if (result.outcome === 'exited' && result.exitCode === 0) return undefined;
    if (result.outcome === 'spawn-error')
      return compiled === undefined
        ? 'perl is not installed (it makes the namespace)'
        : `the namespace launcher ${compiled} could not start (${result.message ?? 'spawn error'})`;
    const said = result.stderr.split('\n').find((line) => line.startsWith(LAUNCHER_MESSAGE));
    return (said ?? result.stderr.trim().split('\n')[0]) || (result.message ?? `exit ${result.exitCode}`);
  });
}

async function detect(): Promise<IsolationSupport> {
  const forced = process.env.MAKESCOPE_ISOLATION;
  if (forced === 'none') return { kind: 'none', why: 'MAKESCOPE_ISOLATION=none is set' };
  if (!launcherSupported())
    return {
      kind: 'none',
      why: `isolation needs Linux on x86-64 or arm64 (this is ${process.platform}/${process.arch})`,
    };
  const userNamespace = process.getuid?.() !== 0;
  const reasons: string[] = [];
  if (forced !== 'fuse-overlayfs') {
    const refused = await attempt('overlayfs', userNamespace);
    if (refused === undefined) return { kind: 'overlayfs', userNamespace };
    reasons.push(`overlayfs: ${refused}`);
  }
  const fuse = await findOnPath('fuse-overlayfs');
  if (fuse === undefined) reasons.push('fuse-overlayfs is not installed');
  else {
    const refused = await attempt('fuse-overlayfs', userNamespace, fuse);
    if (refused === undefined) return { kind: 'fuse-overlayfs', userNamespace, fuseOverlayfs: fuse };
    reasons.push(`fuse-overlayfs: ${refused}`);
  }
  return { kind: 'none', why: reasons.join('; ') };
}

function isWorking(value: unknown): value is Extract<IsolationSupport, { kind: OverlayKind }> {
  const support = value as { kind?: unknown; userNamespace?: unknown; fuseOverlayfs?: unknown } | null;
  return (
    (support?.kind === 'overlayfs' || support?.kind === 'fuse-overlayfs') &&
    support.userNamespace === (process.getuid?.() !== 0) &&
    (support.kind === 'overlayfs' || typeof support.fuseOverlayfs === 'string')
  );
}

/**
 * Trying isolation starts perl and a shell (~45 ms), in every CLI process. A working isolation is
 * kept on disk under its key (detectionCache.ts); an answer of none is not kept, so isolation that
 * becomes available is used at once. A kept answer that is wrong fails safe: the launcher refuses
 * to run make outside the namespace it could not make, and the caller forgets it and asks again.
 */
async function keptOrDetected(): Promise<IsolationSupport> {
  if (process.env.MAKESCOPE_ISOLATION === 'none' || !launcherSupported()) return detect();
  const key = await isolationKey();
  const kept = await recall('isolation', key, isWorking);
  if (kept !== undefined) {
    keptKey = key;
    return kept;
  }
  const found = await detect();
  if (found.kind !== 'none') await remember('isolation', key, found);
  return found;
}

let detected: Promise<IsolationSupport> | undefined;
/** The key of the answer in use when it was read from disk (not tried by this process). */
let keptKey: string | undefined;

/** The isolation this process uses; MAKESCOPE_ISOLATION=fuse-overlayfs or none forces a fallback (tests). */
export function isolationSupport(): Promise<IsolationSupport> {
  detected ??= keptOrDetected();
  return detected;
}

/**
 * An isolated run could not start. When the answer in use was read from disk, it is dropped (here
 * and on disk) and true says that asking again may give another answer.
 */
export async function forgetKeptIsolationSupport(): Promise<boolean> {
  const key = keptKey;
  if (key === undefined) return false;
  keptKey = undefined;
  detected = undefined;
  await forget('isolation', key);
  return true;
}
