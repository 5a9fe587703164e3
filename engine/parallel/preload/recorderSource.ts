// The C source of the preloaded recorder (preloadLibrary.ts compiles it): a library in every process of a build
// that reports file accesses as strace would print them, or make's jobs as make starts and reaps them, without
// stopping any process (ptrace) or starting one.

export const RECORDER_SOURCE = String.raw`/*
 * Makescope's recorder, loaded into every process of one build by LD_PRELOAD and compiled for it by the
 * machine's own cc. Its own calls are system calls, never the functions it replaces. Two modes:
 * - file accesses (MAKESCOPE_TRACE_LOG, the audit and race detection): for each call that opens, creates,
 *   removes, renames, links or checks a file, one line in strace's format (as strace -f -y -v prints it), so
 *   the probe reads both with one parser. Nothing is recorded until make itself starts
 *   (MAKESCOPE_TRACE_MAKE), whose environment, marked, every process of the build inherits.
 * - jobs (MAKESCOPE_SPAN_LOG, the build timeline): only make processes report, each job as make starts it and
 *   as make reaps it, on the monotonic clock, with the job's MAKESCOPE_SPAN.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int active;
static int log_fd = -1;
static dev_t log_dev;
static ino_t log_ino;

static long raw(long nr, long a, long b, long c, long d) { return syscall(nr, a, b, c, d); }

/* Appends one record; the log is re-checked by inode so a program that closed and reused the descriptor is never written to. */
static void emit(const char *text, size_t length) {
  struct stat seen;
  if (log_fd < 0) return;
  if (raw(SYS_fstat, log_fd, (long)&seen, 0, 0) != 0 || seen.st_ino != log_ino || seen.st_dev != log_dev) {
    log_fd = -1;
    return;
  }
  raw(SYS_write, log_fd, (long)text, (long)length, 0);
}

struct line { char text[3 * PATH_MAX + 512]; size_t at; };

static void put(struct line *l, const char *s) {
  size_t n = strlen(s);
  if (l->at + n >= sizeof l->text) n = sizeof l->text - l->at - 1;
  memcpy(l->text + l->at, s, n);
  l->at += n;
}

static void put_long(struct line *l, long v) {
  char digits[32];
  snprintf(digits, sizeof digits, "%ld", v);
  put(l, digits);
}

/* A C string as strace prints it: quotes, backslash escapes, octal for bytes outside printable ASCII. */
static void put_quoted(struct line *l, const char *s) {
  put(l, "\"");
  for (; s && *s && l->at + 8 < sizeof l->text; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') { l->text[l->at++] = '\\'; l->text[l->at++] = (char)c; }
    else if (c >= 32 && c < 127) l->text[l->at++] = (char)c;
    else l->at += (size_t)snprintf(l->text + l->at, 5, "\\%03o", c);
  }
  put(l, "\"");
}

/* AT_FDCWD</cwd> or 3</dir>: the folder a relative path starts from. */
static void put_dir(struct line *l, int dirfd) {
  char where[PATH_MAX];
  long n;
  if (dirfd == AT_FDCWD) {
    put(l, "AT_FDCWD<");
    n = raw(SYS_getcwd, (long)where, sizeof where, 0, 0);
    if (n > 0) put(l, where);
  } else {
    char link[64];
    put_long(l, dirfd);
    put(l, "<");
    snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
    n = raw(SYS_readlink, (long)link, (long)where, sizeof where - 1, 0);
    if (n > 0) { where[n] = 0; put(l, where); }
  }
  put(l, ">");
}

static void start(struct line *l, const char *call) {
  l->at = 0;
  put_long(l, (long)getpid());
  put(l, " ");
  put(l, call);
  put(l, "(");
}

static void finish(struct line *l, long result, int error, int fd_path) {
  put(l, ") = ");
  if (result < 0) {
    put(l, "-1 ");
    put(l, error == ENOENT ? "ENOENT" : error == EEXIST ? "EEXIST" : error == EACCES ? "EACCES" : error == ENOTDIR ? "ENOTDIR" : "EOTHER");
  } else {
    put_long(l, result);
    if (fd_path) {
      char link[64], where[PATH_MAX];
      long n;
      snprintf(link, sizeof link, "/proc/self/fd/%ld", result);
      n = raw(SYS_readlink, (long)link, (long)where, sizeof where - 1, 0);
      if (n > 0) { where[n] = 0; put(l, "<"); put(l, where); put(l, ">"); }
    }
  }
  put(l, "\n");
  emit(l->text, l->at);
}

static void put_flags(struct line *l, int flags) {
  put(l, (flags & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : (flags & O_ACCMODE) == O_RDWR ? "O_RDWR" : "O_RDONLY");
  if (flags & O_CREAT) put(l, "|O_CREAT");
  if (flags & O_TRUNC) put(l, "|O_TRUNC");
  if (flags & O_APPEND) put(l, "|O_APPEND");
  if (flags & O_DIRECTORY) put(l, "|O_DIRECTORY");
}

static void record_open(int dirfd, const char *path, int flags, long result, int error) {
  struct line l;
  if (!active || !path) return;
  start(&l, "openat");
  put_dir(&l, dirfd);
  put(&l, ", ");
  put_quoted(&l, path);
  put(&l, ", ");
  put_flags(&l, flags);
  finish(&l, result, error, 1);
}

static void record_path(const char *call, int dirfd, const char *path, long result, int error) {
  struct line l;
  if (!active || !path) return;
  start(&l, call);
  put_dir(&l, dirfd);
  put(&l, ", ");
  put_quoted(&l, path);
  put(&l, ", 0");
  finish(&l, result, error, 0);
}

static void record_two(const char *call, int fromfd, const char *from, int tofd, const char *to, long result, int error) {
  struct line l;
  if (!active || !from || !to) return;
  start(&l, call);
  if (strcmp(call, "symlinkat") == 0) {
    put_quoted(&l, from);
  } else {
    put_dir(&l, fromfd);
    put(&l, ", ");
    put_quoted(&l, from);
  }
  put(&l, ", ");
  put_dir(&l, tofd);
  put(&l, ", ");
  put_quoted(&l, to);
  finish(&l, result, error, 0);
}

static void record_process(int exec, int top) {
  struct line l;
  char exe[PATH_MAX];
  long n;
  const char *target = getenv("MAKESCOPE_TARGET");
  /* make itself comes first, with no parent: the log's first process, as under strace. */
  if (!top) {
    l.at = 0;
    put_long(&l, (long)getppid());
    put(&l, " clone() = ");
    put_long(&l, (long)getpid());
    put(&l, "\n");
    emit(l.text, l.at);
  }
  if (!exec) return;
  start(&l, "execve");
  n = raw(SYS_readlink, (long)"/proc/self/exe", (long)exe, sizeof exe - 1, 0);
  exe[n > 0 ? n : 0] = 0;
  put_quoted(&l, exe);
  put(&l, ", [], [");
  if (target) {
    char entry[PATH_MAX + 32];
    snprintf(entry, sizeof entry, "MAKESCOPE_TARGET=%s", target);
    put_quoted(&l, entry);
  }
  put(&l, "]");
  finish(&l, 0, 0, 0);
}

static void after_fork_child(void) { record_process(0, 0); }

/* Opens the log named by the environment for appending, above the descriptors programs use. */
static int open_log(const char *log) {
  struct stat seen;
  int fd = (int)raw(SYS_openat, AT_FDCWD, (long)log, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (fd < 0) return 0;
  /* Out of the way of the descriptors programs use, so one that closes its low descriptors leaves it. */
  log_fd = (int)raw(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 900, 0);
  raw(SYS_close, fd, 0, 0, 0);
  if (log_fd < 0 || raw(SYS_fstat, log_fd, (long)&seen, 0, 0) != 0) { log_fd = -1; return 0; }
  log_dev = seen.st_dev;
  log_ino = seen.st_ino;
  return 1;
}

static void own_exe(char *exe, size_t size) {
  long n = raw(SYS_readlink, (long)"/proc/self/exe", (long)exe, (long)size - 1, 0);
  exe[n > 0 ? n : 0] = 0;
}

/*
 * Timeline mode (MAKESCOPE_SPAN_LOG): only make processes report, each job as make starts it (B) and as make
 * reaps it (F), on the monotonic clock the probe reads too, and each make as it starts (M).
 */
static int spans;
static pid_t make_pid, make_parent;

static void put_time(struct line *l, const struct timespec *at) {
  char text[48];
  snprintf(text, sizeof text, "%ld.%09ld", (long)at->tv_sec, at->tv_nsec);
  put(l, text);
}

static void begin_spans(const char *log) {
  const char *make = getenv("MAKESCOPE_SPAN_MAKE");
  const char *base;
  char exe[PATH_MAX];
  struct timespec now;
  struct line l;
  own_exe(exe, sizeof exe);
  base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
  if (!(make && strcmp(exe, make) == 0) && strcmp(base, "make") != 0 && strcmp(base, "gmake") != 0) return;
  if (!open_log(log)) return;
  spans = 1;
  make_pid = getpid();
  make_parent = getppid();
  clock_gettime(CLOCK_MONOTONIC, &now);
  l.at = 0;
  put(&l, "M ");
  put_time(&l, &now);
  put(&l, " ");
  put_long(&l, (long)make_pid);
  put(&l, " ");
  put_long(&l, (long)getppid());
  put(&l, "\n");
  emit(l.text, l.at);
}

static const char *span_of(char *const envp[]) {
  extern char **environ;
  char *const *entry = envp ? envp : environ;
  for (; entry && *entry; entry++)
    if (strncmp(*entry, "MAKESCOPE_SPAN=", 15) == 0) return *entry + 15;
  return "";
}

/* A job make started at the time given: the child, the make, the make's parent (for a sub-make, the line that ran it). */
static void span_begin(const struct timespec *at, long child, long make, char *const envp[]) {
  struct line l;
  l.at = 0;
  put(&l, "B ");
  put_time(&l, at);
  put(&l, " ");
  put_long(&l, child);
  put(&l, " ");
  put_long(&l, make);
  put(&l, " ");
  put_long(&l, (long)make_parent);
  put(&l, " ");
  put(&l, span_of(envp));
  put(&l, "\n");
  emit(l.text, l.at);
}

static void span_end(pid_t child, int status) {
  struct timespec now;
  struct line l;
  clock_gettime(CLOCK_MONOTONIC, &now);
  l.at = 0;
  put(&l, "F ");
  put_time(&l, &now);
  put(&l, " ");
  put_long(&l, (long)child);
  put(&l, " ");
  put_long(&l, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  put(&l, "\n");
  emit(l.text, l.at);
}

__attribute__((constructor)) static void begin(void) {
  const char *log = getenv("MAKESCOPE_TRACE_LOG");
  const char *span_log = getenv("MAKESCOPE_SPAN_LOG");
  int top = 0;
  if (span_log) {
    begin_spans(span_log);
    return;
  }
  if (!log) return;
  if (!getenv("MAKESCOPE_TRACE_ACTIVE")) {
    /* Before make (the isolation's launcher) nothing is recorded; make marks its environment, which every
       process it starts inherits (recipes, $(shell), sub-makes). */
    const char *make = getenv("MAKESCOPE_TRACE_MAKE");
    char exe[PATH_MAX];
    own_exe(exe, sizeof exe);
    if (!make || strcmp(exe, make) != 0) return;
    top = 1;
    setenv("MAKESCOPE_TRACE_ACTIVE", "1", 1);
  }
  if (!open_log(log)) return;
  active = 1;
  pthread_atfork(0, 0, after_fork_child);
  record_process(1, top);
}

#define REAL(name, ret, params) static ret(*real_##name) params; if (!real_##name) real_##name = (ret(*) params)dlsym(RTLD_NEXT, #name)

static mode_t mode_of(int flags, va_list args) {
  return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE ? (mode_t)va_arg(args, int) : 0;
}

#define OPEN_LIKE(name)                                                   \
  int name(const char *path, int flags, ...) {                          \
    va_list args; mode_t mode; int result, saved;                        \
    REAL(name, int, (const char *, int, ...));                         \
    va_start(args, flags); mode = mode_of(flags, args); va_end(args);   \
    result = real_##name(path, flags, mode); saved = errno;             \
    record_open(AT_FDCWD, path, flags, result, saved);                  \
    errno = saved; return result;                                        \
  }
OPEN_LIKE(open)
OPEN_LIKE(open64)

#define OPENAT_LIKE(name)                                                 \
  int name(int dirfd, const char *path, int flags, ...) {               \
    va_list args; mode_t mode; int result, saved;                        \
    REAL(name, int, (int, const char *, int, ...));                    \
    va_start(args, flags); mode = mode_of(flags, args); va_end(args);   \
    result = real_##name(dirfd, path, flags, mode); saved = errno;      \
    record_open(dirfd, path, flags, result, saved);                     \
    errno = saved; return result;                                        \
  }
OPENAT_LIKE(openat)
OPENAT_LIKE(openat64)

#define OPEN2_LIKE(name)                                                  \
  int name(const char *path, int flags) {                               \
    int result, saved;                                                   \
    REAL(name, int, (const char *, int));                              \
    result = real_##name(path, flags); saved = errno;                   \
    record_open(AT_FDCWD, path, flags, result, saved);                  \
    errno = saved; return result;                                        \
  }
OPEN2_LIKE(__open_2)
OPEN2_LIKE(__open64_2)

#define OPENAT2_LIKE(name)                                                \
  int name(int dirfd, const char *path, int flags) {                    \
    int result, saved;                                                   \
    REAL(name, int, (int, const char *, int));                         \
    result = real_##name(dirfd, path, flags); saved = errno;            \
    record_open(dirfd, path, flags, result, saved);                     \
    errno = saved; return result;                                        \
  }
OPENAT2_LIKE(__openat_2)
OPENAT2_LIKE(__openat64_2)

#define CREAT_LIKE(name)                                                  \
  int name(const char *path, mode_t mode) {                             \
    int result, saved;                                                   \
    REAL(name, int, (const char *, mode_t));                           \
    result = real_##name(path, mode); saved = errno;                    \
    record_open(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, result, saved); \
    errno = saved; return result;                                        \
  }
CREAT_LIKE(creat)
CREAT_LIKE(creat64)

static int fopen_flags(const char *mode) {
  int plus = mode && strchr(mode, '+') != 0;
  switch (mode ? mode[0] : 'r') {
    case 'w': return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
    case 'a': return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
    default: return plus ? O_RDWR : O_RDONLY;
  }
}

#define FOPEN_LIKE(name)                                                  \
  FILE *name(const char *path, const char *mode) {                      \
    FILE *result; int saved;                                             \
    REAL(name, FILE *, (const char *, const char *));                   \
    result = real_##name(path, mode); saved = errno;                    \
    record_open(AT_FDCWD, path, fopen_flags(mode), result ? fileno(result) : -1, saved); \
    errno = saved; return result;                                        \
  }
FOPEN_LIKE(fopen)
FOPEN_LIKE(fopen64)

#define FREOPEN_LIKE(name)                                                \
  FILE *name(const char *path, const char *mode, FILE *stream) {        \
    FILE *result; int saved;                                             \
    REAL(name, FILE *, (const char *, const char *, FILE *));           \
    result = real_##name(path, mode, stream); saved = errno;            \
    record_open(AT_FDCWD, path, fopen_flags(mode), result ? fileno(result) : -1, saved); \
    errno = saved; return result;                                        \
  }
FREOPEN_LIKE(freopen)
FREOPEN_LIKE(freopen64)

#define STAT_LIKE(name, buffer)                                           \
  int name(const char *path, buffer *out) {                              \
    int result, saved;                                                   \
    REAL(name, int, (const char *, buffer *));                         \
    result = real_##name(path, out); saved = errno;                     \
    record_path("newfstatat", AT_FDCWD, path, result, saved);           \
    errno = saved; return result;                                        \
  }
STAT_LIKE(stat, struct stat)
STAT_LIKE(lstat, struct stat)
STAT_LIKE(stat64, struct stat64)
STAT_LIKE(lstat64, struct stat64)

#define FSTATAT_LIKE(name, buffer)                                        \
  int name(int dirfd, const char *path, buffer *out, int flags) {        \
    int result, saved;                                                   \
    REAL(name, int, (int, const char *, buffer *, int));               \
    result = real_##name(dirfd, path, out, flags); saved = errno;       \
    if (path && *path) record_path("newfstatat", dirfd, path, result, saved); \
    errno = saved; return result;                                        \
  }
FSTATAT_LIKE(fstatat, struct stat)
FSTATAT_LIKE(fstatat64, struct stat64)

int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *out) {
  int result, saved;
  REAL(statx, int, (int, const char *, int, unsigned int, struct statx *));
  result = real_statx(dirfd, path, flags, mask, out);
  saved = errno;
  if (path && *path) record_path("statx", dirfd, path, result, saved);
  errno = saved;
  return result;
}

int access(const char *path, int how) {
  int result, saved;
  REAL(access, int, (const char *, int));
  result = real_access(path, how);
  saved = errno;
  record_path("faccessat", AT_FDCWD, path, result, saved);
  errno = saved;
  return result;
}

int faccessat(int dirfd, const char *path, int how, int flags) {
  int result, saved;
  REAL(faccessat, int, (int, const char *, int, int));
  result = real_faccessat(dirfd, path, how, flags);
  saved = errno;
  record_path("faccessat", dirfd, path, result, saved);
  errno = saved;
  return result;
}

#define EACCESS_LIKE(name)                                                \
  int name(const char *path, int how) {                                 \
    int result, saved;                                                   \
    REAL(name, int, (const char *, int));                              \
    result = real_##name(path, how); saved = errno;                     \
    record_path("faccessat", AT_FDCWD, path, result, saved);            \
    errno = saved; return result;                                        \
  }
EACCESS_LIKE(euidaccess)
EACCESS_LIKE(eaccess)

int unlink(const char *path) {
  int result, saved;
  REAL(unlink, int, (const char *));
  result = real_unlink(path);
  saved = errno;
  record_path("unlinkat", AT_FDCWD, path, result, saved);
  errno = saved;
  return result;
}

int unlinkat(int dirfd, const char *path, int flags) {
  int result, saved;
  REAL(unlinkat, int, (int, const char *, int));
  result = real_unlinkat(dirfd, path, flags);
  saved = errno;
  record_path("unlinkat", dirfd, path, result, saved);
  errno = saved;
  return result;
}

int rmdir(const char *path) {
  int result, saved;
  REAL(rmdir, int, (const char *));
  result = real_rmdir(path);
  saved = errno;
  record_path("unlinkat", AT_FDCWD, path, result, saved);
  errno = saved;
  return result;
}

int remove(const char *path) {
  int result, saved;
  REAL(remove, int, (const char *));
  result = real_remove(path);
  saved = errno;
  record_path("unlinkat", AT_FDCWD, path, result, saved);
  errno = saved;
  return result;
}

int mkdir(const char *path, mode_t mode) {
  int result, saved;
  REAL(mkdir, int, (const char *, mode_t));
  result = real_mkdir(path, mode);
  saved = errno;
  record_path("mkdirat", AT_FDCWD, path, result, saved);
  errno = saved;
  return result;
}

int mkdirat(int dirfd, const char *path, mode_t mode) {
  int result, saved;
  REAL(mkdirat, int, (int, const char *, mode_t));
  result = real_mkdirat(dirfd, path, mode);
  saved = errno;
  record_path("mkdirat", dirfd, path, result, saved);
  errno = saved;
  return result;
}

int rename(const char *from, const char *to) {
  int result, saved;
  REAL(rename, int, (const char *, const char *));
  result = real_rename(from, to);
  saved = errno;
  record_two("renameat", AT_FDCWD, from, AT_FDCWD, to, result, saved);
  errno = saved;
  return result;
}

int renameat(int fromfd, const char *from, int tofd, const char *to) {
  int result, saved;
  REAL(renameat, int, (int, const char *, int, const char *));
  result = real_renameat(fromfd, from, tofd, to);
  saved = errno;
  record_two("renameat", fromfd, from, tofd, to, result, saved);
  errno = saved;
  return result;
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned int flags) {
  int result, saved;
  REAL(renameat2, int, (int, const char *, int, const char *, unsigned int));
  result = real_renameat2(fromfd, from, tofd, to, flags);
  saved = errno;
  record_two("renameat", fromfd, from, tofd, to, result, saved);
  errno = saved;
  return result;
}

int link(const char *from, const char *to) {
  int result, saved;
  REAL(link, int, (const char *, const char *));
  result = real_link(from, to);
  saved = errno;
  record_two("linkat", AT_FDCWD, from, AT_FDCWD, to, result, saved);
  errno = saved;
  return result;
}

int linkat(int fromfd, const char *from, int tofd, const char *to, int flags) {
  int result, saved;
  REAL(linkat, int, (int, const char *, int, const char *, int));
  result = real_linkat(fromfd, from, tofd, to, flags);
  saved = errno;
  record_two("linkat", fromfd, from, tofd, to, result, saved);
  errno = saved;
  return result;
}

int symlink(const char *from, const char *to) {
  int result, saved;
  REAL(symlink, int, (const char *, const char *));
  result = real_symlink(from, to);
  saved = errno;
  record_two("symlinkat", AT_FDCWD, from, AT_FDCWD, to, result, saved);
  errno = saved;
  return result;
}

int symlinkat(const char *from, int tofd, const char *to) {
  int result, saved;
  REAL(symlinkat, int, (const char *, int, const char *));
  result = real_symlinkat(from, tofd, to);
  saved = errno;
  record_two("symlinkat", AT_FDCWD, from, tofd, to, result, saved);
  errno = saved;
  return result;
}

#define MKSTEMP_LIKE(name, params, call)                                  \
  int name params {                                                      \
    int result, saved;                                                   \
    REAL(name, int, params);                                             \
    result = real_##name call; saved = errno;                           \
    if (result >= 0) record_open(AT_FDCWD, path, O_RDWR | O_CREAT, result, saved); \
    errno = saved; return result;                                        \
  }
MKSTEMP_LIKE(mkstemp, (char *path), (path))
MKSTEMP_LIKE(mkstemp64, (char *path), (path))
MKSTEMP_LIKE(mkostemp, (char *path, int flags), (path, flags))
MKSTEMP_LIKE(mkostemp64, (char *path, int flags), (path, flags))
MKSTEMP_LIKE(mkstemps, (char *path, int suffix), (path, suffix))
MKSTEMP_LIKE(mkstemps64, (char *path, int suffix), (path, suffix))
MKSTEMP_LIKE(mkostemps, (char *path, int suffix, int flags), (path, suffix, flags))
MKSTEMP_LIKE(mkostemps64, (char *path, int suffix, int flags), (path, suffix, flags))

/*
 * Intents: the program a process is about to become, or to start. A program that runs without this library
 * (static, setuid, started with an emptied environment) never reports itself: the probe finds it by its intent
 * and records the build again under strace.
 */
static void record_intent(const char *call, const char *path, long result, int error) {
  struct line l;
  if (!active || !path) return;
  start(&l, call);
  put_quoted(&l, path);
  finish(&l, result, error, 0);
}

/* A child of make (vfork or fork, where make does not use posix_spawn) about to run a job. */
static void exec_job(char *const envp[]) {
  struct timespec now;
  if (!spans || getpid() == make_pid) return;
  clock_gettime(CLOCK_MONOTONIC, &now);
  span_begin(&now, (long)getpid(), (long)getppid(), envp);
}

#define EXEC_LIKE(name, params, call, path, envp)                         \
  int name params {                                                      \
    int result, saved;                                                   \
    REAL(name, int, params);                                             \
    exec_job(envp);                                                      \
    record_intent("exec", path, 0, 0);                                   \
    result = real_##name call; saved = errno;                           \
    record_intent("exec", path, result, saved);                          \
    errno = saved; return result;                                        \
  }
EXEC_LIKE(execve, (const char *path, char *const argv[], char *const envp[]), (path, argv, envp), path, envp)
EXEC_LIKE(execv, (const char *path, char *const argv[]), (path, argv), path, 0)
EXEC_LIKE(execvp, (const char *path, char *const argv[]), (path, argv), path, 0)
EXEC_LIKE(execvpe, (const char *path, char *const argv[], char *const envp[]), (path, argv, envp), path, envp)

#define SPAWN_LIKE(name)                                                  \
  int name(pid_t *child, const char *path, const posix_spawn_file_actions_t *actions, \
           const posix_spawnattr_t *attributes, char *const argv[], char *const envp[]) { \
    pid_t started = 0; int result; struct timespec at;                   \
    REAL(name, int, (pid_t *, const char *, const posix_spawn_file_actions_t *, \
                     const posix_spawnattr_t *, char *const[], char *const[])); \
    clock_gettime(CLOCK_MONOTONIC, &at);                                 \
    result = real_##name(&started, path, actions, attributes, argv, envp); \
    if (child) *child = started;                                         \
    if (spans && result == 0) span_begin(&at, (long)started, (long)getpid(), envp); \
    record_intent("spawn", path, result == 0 ? (long)started : -1, result); \
    return result;                                                       \
  }
SPAWN_LIKE(posix_spawn)
SPAWN_LIKE(posix_spawnp)

/* execl and its kind gather their arguments into an array and become execv, execvp, execve (above). */
#define GATHER(args, first, argv, count)                                  \
  const char *argv[4096]; int count = 0; argv[count++] = first;          \
  while (count < 4095 && (argv[count] = va_arg(args, const char *)) != 0) count++; \
  argv[count] = 0

int execl(const char *path, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  GATHER(args, arg, argv, count);
  va_end(args);
  return execv(path, (char *const *)argv);
}

int execlp(const char *path, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  GATHER(args, arg, argv, count);
  va_end(args);
  return execvp(path, (char *const *)argv);
}

int execle(const char *path, const char *arg, ...) {
  va_list args;
  char *const *envp;
  va_start(args, arg);
  GATHER(args, arg, argv, count);
  envp = va_arg(args, char *const *);
  va_end(args);
  return execve(path, (char *const *)argv, envp);
}

/* make reaps its jobs: the end of each (timeline mode). */
#define WAIT_LIKE(name, params, call, status_arg)                         \
  pid_t name params {                                                    \
    pid_t result; int saved, kept = 0;                                   \
    REAL(name, pid_t, params);                                           \
    result = real_##name call; saved = errno;                           \
    if (spans && result > 0) { if (status_arg) kept = *(status_arg); span_end(result, kept); } \
    errno = saved; return result;                                        \
  }
WAIT_LIKE(wait, (int *status), (status), status)
WAIT_LIKE(waitpid, (pid_t pid, int *status, int options), (pid, status, options), status)
WAIT_LIKE(wait3, (int *status, int options, struct rusage *usage), (status, options, usage), status)
WAIT_LIKE(wait4, (pid_t pid, int *status, int options, struct rusage *usage), (pid, status, options, usage), status)
`;
