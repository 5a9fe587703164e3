// Prototype comparison: strace vs the preload recorder on one project (fresh copies), AccessLog equality and time.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { parseStraceAccess } from '../engine/parallel/straceAccessParser';
import { targetExportArgs } from '../engine/parallel/fileAccessTracer';
const [src, make = '/usr/bin/make', jobs = '1'] = process.argv.slice(2);
const norm = (log: any) =>
  JSON.stringify(
    log,
    (_k, v) =>
      v instanceof Set
        ? [...v].map((x: string) => x.replace(/\bst[A-Za-z0-9]{6}\b/g, 'stXXXXXX')).sort()
        : v instanceof Map
          ? [...v].sort()
          : v,
    1,
  );
const args = [`-j${jobs}`, '-p', ...targetExportArgs()];
function fresh(name: string): string {
  const dir = `/tmp/pre/${name}`;
  rmSync(dir, { recursive: true, force: true });
  cpSync(src, dir, { recursive: true, verbatimSymlinks: true });
  if (process.env.PRE) spawnSync(make, process.env.PRE.split(' '), { cwd: dir, stdio: 'ignore' });
  return realpathSync(dir);
}
const env = { ...process.env, MAKESCOPE_TARGET: '', LC_ALL: 'C' } as Record<string, string>;
delete env.MAKEFLAGS;
delete env.MAKELEVEL;
const times: Record<string, number[]> = { plain: [], strace: [], preload: [] };
let logs: Record<string, any> = {};
for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
  for (const kind of ['plain', 'strace', 'preload']) {
    const dir = fresh(kind);
    const log = `/tmp/pre/${kind}.log`;
    writeFileSync(log, '');
    const t = performance.now();
    const r =
      kind === 'plain'
        ? spawnSync(make, args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] })
        : kind === 'strace'
          ? spawnSync(
              'strace',
              [
                '-f',
                '-qq',
                '-y',
                '-v',
                '-s',
                '4096',
                '-e',
                'signal=none',
                '-e',
                'trace=execve,openat,?open,?creat,?rename,renameat,?renameat2,?unlink,unlinkat,?rmdir,?mkdir,mkdirat,?link,linkat,?symlink,symlinkat,chdir,?stat,?lstat,newfstatat,?statx,?access,faccessat,?faccessat2,clone,?clone3,?fork,?vfork',
                '--seccomp-bpf',
                '-o',
                log,
                make,
                ...args,
              ],
              { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] },
            )
          : spawnSync(make, args, {
              cwd: dir,
              env: {
                ...env,
                LD_PRELOAD: '/tmp/pre/rec.so',
                MAKESCOPE_TRACE_LOG: log,
                MAKESCOPE_TRACE_MAKE: realpathSync(make),
              },
              stdio: ['ignore', 'ignore', 'pipe'],
            });
    times[kind].push(performance.now() - t);
    if (r.status !== 0) console.log(kind, 'exit', r.status, r.stderr.toString().slice(0, 500));
    if (kind !== 'plain')
      logs[kind] = parseStraceAccess(readFileSync(log, 'utf8'), {
        roots: [dir],
        envName: 'MAKESCOPE_TARGET',
      });
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(
  'median ms',
  Object.fromEntries(Object.entries(times).map(([k, v]) => [k, med(v).toFixed(0)])),
  'strace',
  (med(times.strace) / med(times.plain)).toFixed(3),
  'preload',
  (med(times.preload) / med(times.plain)).toFixed(3),
);
const a = norm(logs.strace),
  b = norm(logs.preload);
console.log(
  'processes',
  logs.strace.processes,
  logs.preload.processes,
  'unattributed',
  logs.strace.unattributedProcesses,
  logs.preload.unattributedProcesses,
);
if (a === b) console.log('SAME access');
else {
  writeFileSync('/tmp/pre/a.json', a);
  writeFileSync('/tmp/pre/b.json', b);
  console.log('DIFFERENT: diff /tmp/pre/a.json /tmp/pre/b.json');
}
