// Which isolation this machine allows (overlayfs, fuse-overlayfs or none), found once per process by trying it.
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { runProcess } from '../exec';
import { findOnPath } from '../findOnPath';
import { withScratch } from '../scratchFolders';
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
  for (const folder of [layout.upper, layout.work, layout.privateTmp, layout.files])
    await mkdir(folder, { recursive: true, mode: 0o700 });
  for (const folder of privateTmpMountPoints(layout)) await mkdir(folder, { recursive: true });
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
    const command = launcherCommand(layout, {
      file: '/bin/sh',
      args: ['-c', 'echo upper > file'],
      cwd: root,
    });
    const result = await runProcess({ ...command, cwd: '/', timeoutMs: 10_000, maxOutputBytes: 65536 });
    if (result.outcome === 'exited' && result.exitCode === 0) return undefined;
    if (result.outcome === 'spawn-error') return 'perl is not installed (it makes the namespace)';
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

let detected: Promise<IsolationSupport> | undefined;

/** The isolation this process uses; MAKESCOPE_ISOLATION=fuse-overlayfs or none forces a fallback (tests). */
export function isolationSupport(): Promise<IsolationSupport> {
  detected ??= detect();
  return detected;
}
