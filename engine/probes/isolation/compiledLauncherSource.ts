// The namespace launcher in C (compiledLauncher.ts builds it with the machine's cc): the Perl launcher's steps,
// argument for argument, without starting perl and compiling its script in every isolated run (~6 ms on 2 cores).

export const COMPILED_LAUNCHER_SOURCE = String.raw`/*
 * Makescope's namespace launcher, compiled by the machine's own cc. It takes the Perl launcher's arguments
 * (namespaceLauncher.ts) and does what it does: a private mount namespace (in a user namespace unless run
 * as root) where the project is an overlay at its own path, every other mount read-only, a private /tmp;
 * then it becomes the probe's program (same process id). Exit 125 with a line starting with
 * "makescope isolation:" when the namespace could not be made.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what, const char *name) {
  int error = errno;
  fprintf(stderr, "makescope isolation: %s%s%s: %s\n", what, name ? " " : "", name ? name : "", strerror(error));
  exit(125);
}

static void mnt(const char *source, const char *target, const char *type, unsigned long flags, const char *data) {
  if (mount(source, target, type, flags, data) != 0) fail("mount", target);
}

static void write_proc(const char *file, const char *text) {
  int fd = open(file, O_WRONLY);
  if (fd < 0) fail("open", file);
  size_t length = strlen(text);
  if (write(fd, text, length) != (ssize_t)length) fail("write", file);
  if (close(fd) != 0) fail("write", file);
}

static void unshare_ns(int flags, const char *what) {
  if (unshare(flags) != 0) fail(what, NULL);
}

/* overlayfs reads ',' and ':' in its options as separators; a backslash escapes them. */
static char *escape_option(const char *value) {
  char *out = malloc(strlen(value) * 2 + 1), *at = out;
  if (!out) fail("memory", NULL);
  for (; *value; value++) {
    if (*value == '\\' || *value == ',' || *value == ':') *at++ = '\\';
    *at++ = *value;
  }
  *at = 0;
  return out;
}

static char *joined(const char *a, const char *b) {
  char *out = malloc(strlen(a) + strlen(b) + 1);
  if (!out) fail("memory", NULL);
  strcpy(out, a);
  strcat(out, b);
  return out;
}

/* The rest of a path under /tmp ("/x" of "/tmp/x"), or NULL. */
static const char *under_tmp(const char *path) {
  return strncmp(path, "/tmp/", 5) == 0 && path[5] != 0 ? path + 4 : NULL;
}

static int inside(const char *path, const char *root) {
  size_t length = strlen(root);
  return strcmp(path, root) == 0 || (strncmp(path, root, length) == 0 && path[length] == '/');
}

struct mount_entry { char *target; unsigned long flags; };
static struct mount_entry *mounts;
static size_t mount_count;

/* mountinfo escapes a space, tab, newline and backslash as three octal digits. */
static char *unescape(const char *field) {
  char *out = strdup(field), *at = out;
  if (!out) fail("memory", NULL);
  for (const char *in = field; *in; in++) {
    if (in[0] == '\\' && in[1] >= '0' && in[1] <= '7' && in[2] >= '0' && in[2] <= '7' && in[3] >= '0' && in[3] <= '7') {
      *at++ = (char)(((in[1] - '0') << 6) | ((in[2] - '0') << 3) | (in[3] - '0'));
      in += 3;
    } else {
      *at++ = *in;
    }
  }
  *at = 0;
  return out;
}

static unsigned long option_flags(char *options) {
  static const struct { const char *name; unsigned long flag; } known[] = {
    {"ro", MS_RDONLY}, {"nosuid", MS_NOSUID}, {"nodev", MS_NODEV}, {"noexec", MS_NOEXEC},
    {"noatime", MS_NOATIME}, {"nodiratime", MS_NODIRATIME}, {"relatime", MS_RELATIME},
    {"strictatime", MS_STRICTATIME},
  };
  unsigned long flags = 0;
  for (char *save, *option = strtok_r(options, ",", &save); option; option = strtok_r(NULL, ",", &save))
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
      if (strcmp(option, known[i].name) == 0) flags |= known[i].flag;
  return flags;
}

static void read_mounts(void) {
  FILE *info = fopen("/proc/self/mountinfo", "r");
  if (!info) fail("read", "/proc/self/mountinfo");
  char *line = NULL;
  size_t size = 0;
  while (getline(&line, &size, info) > 0) {
    char *field[6], *save;
    int count = 0;
    for (char *word = strtok_r(line, " \n", &save); word && count < 6; word = strtok_r(NULL, " \n", &save))
      field[count++] = word;
    if (count < 6) continue;
    mounts = realloc(mounts, (mount_count + 1) * sizeof *mounts);
    if (!mounts) fail("memory", NULL);
    mounts[mount_count].target = unescape(field[4]);
    mounts[mount_count].flags = option_flags(field[5]);
    mount_count++;
  }
  free(line);
  fclose(info);
}

/* The flags of the mount a path is on (a read-only bind must keep them in a user namespace); a later line wins. */
static unsigned long flags_at(const char *path) {
  char *at = strdup(path);
  if (!at) fail("memory", NULL);
  for (;;) {
    const char *key = at[0] ? at : "/";
    for (size_t i = mount_count; i-- > 0;)
      if (strcmp(mounts[i].target, key) == 0) { free(at); return mounts[i].flags; }
    if (strcmp(key, "/") == 0) { free(at); return 0; }
    *strrchr(at, '/') = 0;
  }
}

static int skipped_target(const char *target, const char *root) {
  static const char *const kernel[] = {"/proc", "/sys", "/dev", "/tmp"};
  for (size_t i = 0; i < 4; i++)
    if (inside(target, kernel[i])) return 1;
  return inside(target, root);
}

static int fuse_mounted(const char *root) {
  FILE *info = fopen("/proc/self/mountinfo", "r");
  if (!info) fail("read", "/proc/self/mountinfo");
  char *line = NULL;
  size_t size = 0;
  int found = 0;
  while (!found && getline(&line, &size, info) > 0) {
    char *copy = strdup(line), *save, *word = copy;
    if (!copy) fail("memory", NULL);
    for (int i = 0; i < 5 && word; i++) word = strtok_r(i == 0 ? copy : NULL, " ", &save);
    found = word && strcmp(word, root) == 0 && strstr(line, " - fuse") != NULL;
    free(copy);
  }
  free(line);
  fclose(info);
  return found;
}

int main(int argc, char **argv) {
  if (argc < 14) { fprintf(stderr, "makescope isolation: bad arguments\n"); return 125; }
  const char *userns = argv[1], *fs = argv[2], *root = argv[5], *upper = argv[6], *work = argv[7];
  const char *tmp = argv[8], *files = argv[9], *cwd = argv[10], *merge = argv[11], *fuse = argv[12];
  int at = 13, first_visible = 13;
  while (at < argc && strcmp(argv[at], "--") != 0) at++;
  if (at >= argc - 1) { fprintf(stderr, "makescope isolation: bad arguments\n"); return 125; }
  int visible_count = at - first_visible;
  char **program = argv + at + 1;
  int user = strcmp(userns, "user") == 0;

  char *layers = joined(joined(joined("lowerdir=", escape_option(root)), ",upperdir="), escape_option(upper));
  layers = joined(joined(layers, ",workdir="), escape_option(work));
  uid_t uid = getuid();
  gid_t gid = getgid();
  char map[64];
  if (user) {
    unshare_ns(CLONE_NEWUSER | CLONE_NEWNS, "user namespace");
    write_proc("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
    write_proc("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
    write_proc("/proc/self/gid_map", map);
  } else {
    unshare_ns(CLONE_NEWNS, "mount namespace");
  }
  mnt(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
  /* Every mount that exists now turns read-only below (the kernel's own /proc, /sys and /dev stay as they are);
     the mounts made here (the project's overlay, the private /tmp) stay writable. */
  read_mounts();
  size_t known = mount_count;

  pid_t daemon = -1;
  if (strcmp(fs, "fuse") == 0) {
    /* The daemon writes through these paths: a mount of their own stays writable. */
    char *folder = strdup(upper);
    if (!folder) fail("memory", NULL);
    char *slash = strrchr(folder, '/');
    if (slash) *slash = 0;
    mnt(folder, folder, NULL, MS_BIND, NULL);
    daemon = fork();
    if (daemon < 0) fail("fork", NULL);
    if (daemon == 0) {
      execl(fuse, fuse, "-f", "-o", layers, root, (char *)NULL);
      fail("start", fuse);
    }
    int mounted = 0;
    for (int i = 0; i < 1000; i++) {
      mounted = fuse_mounted(root);
      if (mounted || waitpid(daemon, NULL, WNOHANG) != 0) break;
      struct timespec pause = {0, 10 * 1000 * 1000};
      nanosleep(&pause, NULL);
    }
    if (!mounted) { errno = 0; fprintf(stderr, "makescope isolation: %s did not mount %s\n", fuse, root); exit(125); }
  } else {
    mnt("makescope", root, "overlay", 0, user ? joined(layers, ",userxattr") : layers);
  }
  /* The probe's own files (helper makefiles, trace logs) stay writable at their path; the project and they
     stay visible at their paths when they are under the private /tmp. */
  mnt(files, files, NULL, MS_BIND, NULL);
  const char *keep[] = {root, files};
  for (int i = 0; i < 2; i++)
    if (under_tmp(keep[i])) mnt(keep[i], joined(tmp, under_tmp(keep[i])), NULL, MS_BIND | MS_REC, NULL);
  for (int i = 0; i < visible_count; i++) {
    const char *seen = argv[first_visible + i];
    if (!under_tmp(seen)) continue;
    char *in_tmp = joined(tmp, under_tmp(seen));
    mnt(seen, in_tmp, NULL, MS_BIND | MS_REC, NULL);
    mnt(NULL, in_tmp, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | flags_at(seen), NULL);
  }
  mnt(tmp, "/tmp", NULL, MS_BIND | MS_REC, NULL);
  struct stat shm;
  if (stat("/dev/shm", &shm) == 0 && S_ISDIR(shm.st_mode))
    mount("makescope", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
  for (size_t i = 0; i < known; i++) {
    if (skipped_target(mounts[i].target, root) || (mounts[i].flags & MS_RDONLY)) continue;
    mnt(NULL, mounts[i].target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | mounts[i].flags, NULL);
  }
  /* The working directory still points below the overlay until it is entered again. */
  if (chdir(cwd) != 0) fail("chdir", cwd);
  if (user) {
    /* make runs as the user again, not as the namespace's root. */
    unshare_ns(CLONE_NEWUSER, "user namespace for make");
    snprintf(map, sizeof map, "%u 0 1", (unsigned)uid);
    write_proc("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "%u 0 1", (unsigned)gid);
    write_proc("/proc/self/gid_map", map);
  }
  if (strcmp(merge, "1") == 0 && dup2(1, 2) < 0) fail("merge stderr", NULL);
  setenv("TMPDIR", "/tmp", 1);
  if (daemon > 0) {
    pid_t child = fork();
    if (child < 0) fail("fork", NULL);
    if (child == 0) {
      execvp(program[0], program);
      fprintf(stderr, "makescope isolation: start %s: %s\n", program[0], strerror(errno));
      _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    kill(daemon, SIGTERM);
    while (waitpid(daemon, NULL, 0) < 0 && errno == EINTR) {}
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  }
  execvp(program[0], program);
  fprintf(stderr, "makescope isolation: start %s: %s\n", program[0], strerror(errno));
  return 127;
}
`;
