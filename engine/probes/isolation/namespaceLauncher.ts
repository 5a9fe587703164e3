// The launcher that puts one make run in a private mount namespace: the project is an overlay at its own path.
import * as path from 'node:path';

/**
 * A constant Perl program: it makes the namespace with system calls (one process start, not one per
 * mount: a fork and exec costs ~7 ms on small machines) and then runs the probe's program, which
 * keeps the launcher's process id, so cancelling the group still reaches make. Everything it gets
 * arrives as an argument array; nothing is ever parsed by a shell. Perl is part of every Debian and
 * Ubuntu system (perl-base is essential). Exit 125 and a line starting with "makescope isolation:"
 * mean the namespace could not be made. It loads no module: `use strict; use warnings` cost ~5 ms of
 * CPU in every run (perl itself ~8 ms), so the unit tests compile it under strict and warnings instead.
 */
const LAUNCHER = String.raw`my ($userns, $fs, $nr_unshare, $nr_mount, $root, $upper, $work, $tmp, $files, $cwd, $merge, $fuse) =
  splice(@ARGV, 0, 12);
# Folders under /tmp that the run must see (where the make program lives), read-only, until '--'.
my @visible;
push @visible, shift(@ARGV) while @ARGV && $ARGV[0] ne '--';
shift(@ARGV) eq '--' or die "makescope isolation: bad arguments\n";
my ($CLONE_NEWNS, $CLONE_NEWUSER) = (0x20000, 0x10000000);
my %FLAG = (ro => 1, nosuid => 2, nodev => 4, noexec => 8, noatime => 1024, nodiratime => 2048,
  relatime => 1 << 21, strictatime => 1 << 24);
my ($RDONLY, $REMOUNT, $BIND, $REC, $PRIVATE) = (1, 32, 4096, 16384, 1 << 18);
sub fail { print STDERR "makescope isolation: $_[0]: $!\n"; exit 125; }
sub mnt {
  my ($source, $target, $type, $flags, $data) = @_;
  syscall($nr_mount, $source, $target, $type, $flags, $data) == 0 or fail("mount $target");
}
sub write_proc {
  my ($file, $text) = @_;
  open(my $h, '>', $file) or fail("open $file");
  print $h $text or fail("write $file");
  close($h) or fail("write $file");
}
# overlayfs reads ',' and ':' in its options as separators; a backslash escapes them.
sub esc { (my $value = $_[0]) =~ s/([\\,:])/\\$1/g; return $value; }
my $layers_option = 'lowerdir=' . esc($root) . ',upperdir=' . esc($upper) . ',workdir=' . esc($work);
sub unshare_ns { my ($flags, $what) = @_; syscall($nr_unshare, $flags) == 0 or fail($what); }
my ($uid, $gid) = ($<, (split ' ', $()[0]);
if ($userns eq 'user') {
  unshare_ns($CLONE_NEWUSER | $CLONE_NEWNS, 'user namespace');
  write_proc('/proc/self/setgroups', 'deny');
  write_proc('/proc/self/uid_map', "0 $uid 1");
  write_proc('/proc/self/gid_map', "0 $gid 1");
} else {
  unshare_ns($CLONE_NEWNS, 'mount namespace');
}
mnt(0, '/', 0, $REC | $PRIVATE, 0);
# Every mount that exists now turns read-only below (the kernel's own /proc, /sys and /dev stay as
# they are); the mounts made here (the project's overlay, the private /tmp) stay writable.
my (@readonly, %flags_of);
open(my $info, '<', '/proc/self/mountinfo') or fail('read /proc/self/mountinfo');
while (my $line = <$info>) {
  my @field = split ' ', $line;
  (my $target = $field[4]) =~ s/\\([0-7]{3})/chr(oct($1))/ge;
  my $flags = 0;
  $flags |= $FLAG{$_} // 0 for split /,/, $field[5];
  $flags_of{$target} = $flags;
  next if $target =~ m{^/(proc|sys|dev|tmp)(/|$)};
  next if $target eq $root || index($target, "$root/") == 0;
  push @readonly, [$target, $flags] unless $flags & $RDONLY;
}
close($info);
# The flags of the mount a path is on (a read-only bind must keep them in a user namespace).
sub flags_at {
  my ($path) = @_;
  for (my $at = $path; ; $at =~ s{/[^/]*$}{}) {
    my $key = $at eq '' ? '/' : $at;
    return $flags_of{$key} if exists $flags_of{$key};
    return 0 if $key eq '/';
  }
}
my $daemon;
if ($fs eq 'fuse') {
  # The daemon writes through these paths: a mount of their own stays writable.
  (my $layers = $upper) =~ s{/[^/]+$}{};
  mnt($layers, $layers, 0, $BIND, 0);
  defined($daemon = fork()) or fail('fork');
  if ($daemon == 0) {
    exec { $fuse } $fuse, '-f', '-o', $layers_option, $root;
    fail("start $fuse");
  }
  my $mounted = 0;
  for (1 .. 1000) {
    open(my $now, '<', '/proc/self/mountinfo') or fail('read /proc/self/mountinfo');
    while (my $line = <$now>) { my @f = split ' ', $line; $mounted = 1 if $f[4] eq $root && $line =~ / - fuse/; }
    close($now);
    last if $mounted || waitpid($daemon, 1) != 0;
    select(undef, undef, undef, 0.01);
  }
  $mounted or fail("$fuse did not mount $root");
} else {
  mnt('makescope', $root, 'overlay', 0, $layers_option . ($userns eq 'user' ? ',userxattr' : ''));
}
# The probe's own files (helper makefiles, trace logs) stay writable at their path; the project and
# they stay visible at their paths when they are under the private /tmp.
mnt($files, $files, 0, $BIND, 0);
for my $keep ($root, $files) { mnt($keep, "$tmp$1", 0, $BIND | $REC, 0) if $keep =~ m{^/tmp(/.*)$}; }
for my $seen (@visible) {
  next unless $seen =~ m{^/tmp(/.*)$};
  my $inside = "$tmp$1";
  mnt($seen, $inside, 0, $BIND | $REC, 0);
  mnt(0, $inside, 0, $REMOUNT | $BIND | $RDONLY | flags_at($seen), 0);
}
mnt($tmp, '/tmp', 0, $BIND | $REC, 0);
if (-d '/dev/shm') {
  my @shm = ('makescope', '/dev/shm', 'tmpfs', $FLAG{nosuid} | $FLAG{nodev}, 'mode=1777');
  syscall($nr_mount, @shm);
}
mnt(0, $_->[0], 0, $REMOUNT | $BIND | $RDONLY | $_->[1], 0) for @readonly;
# The working directory still points below the overlay until it is entered again.
chdir($cwd) or fail("chdir $cwd");
if ($userns eq 'user') {
  # make runs as the user again, not as the namespace's root.
  unshare_ns($CLONE_NEWUSER, 'user namespace for make');
  write_proc('/proc/self/uid_map', "$uid 0 1");
  write_proc('/proc/self/gid_map', "$gid 0 1");
}
if ($merge eq '1') { open(STDERR, '>&', \*STDOUT) or fail('merge stderr'); }
$ENV{TMPDIR} = '/tmp';
if (defined $daemon) {
  defined(my $child = fork()) or fail('fork');
  if ($child == 0) { exec { $ARGV[0] } @ARGV; print STDERR "makescope isolation: start $ARGV[0]: $!\n"; exit 127; }
  waitpid($child, 0);
  my $status = $?;
  kill('TERM', $daemon);
  waitpid($daemon, 0);
  exit($status & 127 ? 128 + ($status & 127) : $status >> 8);
}
exec { $ARGV[0] } @ARGV;
print STDERR "makescope isolation: start $ARGV[0]: $!\n";
exit 127;
`;

/** The launcher's text: an answer about whether it works holds for this text only. */
export const launcherText = (): string => LAUNCHER;

/** Exit status of the launcher when the namespace could not be made. */
export const LAUNCHER_FAILED = 125;
export const LAUNCHER_MESSAGE = 'makescope isolation:';

export type OverlayKind = 'overlayfs' | 'fuse-overlayfs';

export interface NamespaceLayout {
  kind: OverlayKind;
  /** Root uses a plain mount namespace; anyone else an unprivileged user namespace. */
  userNamespace: boolean;
  /** The project's root: the overlay is mounted here, at its own path. */
  root: string;
  upper: string;
  work: string;
  /** The folder seen as /tmp inside. */
  privateTmp: string;
  /** The probe's own files: writable, at the same path inside and out. */
  files: string;
  fuseOverlayfs?: string;
}

/** unshare(2) and mount(2) by architecture; elsewhere isolation is not offered. */
const SYSCALLS: Partial<Record<NodeJS.Architecture, [number, number]>> = {
  x64: [272, 165],
  arm64: [97, 40],
};

export function launcherSupported(): boolean {
  return process.platform === 'linux' && SYSCALLS[process.arch] !== undefined;
}

/**
 * The argument array that runs `file args` in the namespace, with `cwd` as its working directory:
 * through `compiled` (compiledLauncher.ts, the same arguments) when given, else through Perl.
 */
export function launcherCommand(
  layout: NamespaceLayout,
  run: {
    file: string;
    args: readonly string[];
    cwd: string;
    mergeStderr?: boolean;
    /** Folders under /tmp (outside the project) the run must see, read-only: the make program's. */
    visible?: readonly string[];
  },
  compiled?: string,
): { file: string; args: string[] } {
  const [unshare, mount] = SYSCALLS[process.arch] ?? [0, 0];
  return {
    file: compiled ?? 'perl',
    args: [
      ...(compiled === undefined ? ['-e', LAUNCHER] : []),
      layout.userNamespace ? 'user' : 'root',
      layout.kind === 'fuse-overlayfs' ? 'fuse' : 'kernel',
      String(unshare),
      String(mount),
      layout.root,
      layout.upper,
      layout.work,
      layout.privateTmp,
      layout.files,
      path.resolve(run.cwd),
      run.mergeStderr ? '1' : '0',
      layout.fuseOverlayfs ?? '',
      ...(run.visible ?? []),
      '--',
      run.file,
      ...run.args,
    ],
  };
}

/** Folders the private /tmp must hold so that the project and the probe's files under /tmp stay visible. */
export function privateTmpMountPoints(
  layout: Pick<NamespaceLayout, 'root' | 'privateTmp' | 'files'>,
): string[] {
  return [layout.root, layout.files]
    .filter((folder) => folder.startsWith('/tmp/'))
    .map((folder) => path.join(layout.privateTmp, folder.slice('/tmp'.length)));
}
