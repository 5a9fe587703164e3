// Everything the isolation check's answer depends on, as one key: a change to any of them asks again.
import { readFile, readlink, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { PRODUCT_VERSION } from '../../version';
import { findOnPath } from '../findOnPath';
import { nameDigest } from '../nameDigest';
import { compiledLauncher } from './compiledLauncher';
import { launcherText } from './namespaceLauncher';

async function text(file: string): Promise<string> {
  return (await readFile(file, 'utf8').catch(() => '-')).trim();
}

async function executable(name: string): Promise<string> {
  const file = await findOnPath(name);
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  return info === undefined ? `${name} -` : [file, info.dev, info.ino, info.size, info.mtimeMs].join(' ');
}

/** The lines of /proc/self/status that say what this process may do (seccomp, capabilities). */
async function privileges(): Promise<string> {
  const status = await text('/proc/self/status');
  return status
    .split('\n')
    .filter((line) => /^(Uid|Gid|Cap(Eff|Prm|Bnd)|NoNewPrivs|Seccomp(_filters)?):/.test(line))
    .join(' ');
}

/**
 * The kernel's boot (a reboot or another kernel), the namespaces this process runs in (another
 * container, another sandbox), its privileges, the sysctls that allow or refuse user namespaces,
 * the programs the check runs (perl, fuse-overlayfs), the temp folder the layers go to, the
 * launcher's own text, the compiled launcher in use (its name holds its source's and compiler's hash)
 * and MAKESCOPE_ISOLATION.
 */
export async function isolationKey(): Promise<string> {
  const scratch = tmpdir();
  const parts = await Promise.all([
    text('/proc/sys/kernel/random/boot_id'),
    readlink('/proc/self/ns/user').catch(() => '-'),
    readlink('/proc/self/ns/mnt').catch(() => '-'),
    privileges(),
    text('/proc/sys/kernel/unprivileged_userns_clone'),
    text('/proc/sys/user/max_user_namespaces'),
    text('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    executable('perl'),
    compiledLauncher().then((file) => file ?? 'perl launcher'),
    executable('fuse-overlayfs'),
    stat(scratch).then(
      (info) => `${scratch} ${info.dev}`,
      () => `${scratch} -`,
    ),
  ]);
  return [
    'isolation support 1',
    PRODUCT_VERSION,
    process.platform,
    process.arch,
    process.env.MAKESCOPE_ISOLATION ?? '',
    nameDigest(launcherText()),
    ...parts,
  ].join('\0');
}
