/* SPDX-License-Identifier: MIT */
/* scx: whole-file reading and atomic writing (compiled into both the library and the CLI). */
#define _GNU_SOURCE /* O_TMPFILE, linkat's AT_EMPTY_PATH */
#include "scx/scx.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Fills diag (which may be NULL) with the unlocated error "WHAT: DETAIL" (or "WHAT") naming
 * `file`. scx files cannot use the library's internal diagnostics (the CLI compiles them too),
 * hence this small copy.
 */
static sc_status fail(sc_diag *diag, sc_status code, const char *file, const char *what,
                      const char *detail)
{
    if (diag) {
        sc_diag_init(diag);
        diag->code = code;
        if (file) {
            snprintf(diag->file, sizeof diag->file, "%s", file);
        }
        snprintf(diag->message, sizeof diag->message, "%s%s%s", what, detail ? ": " : "",
                 detail ? detail : "");
    }
    return code;
}

sc_status scx_file_read(const char *path, size_t max_bytes, char **out, size_t *len, sc_diag *diag)
{
    *out = NULL;
    *len = 0;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        /* a missing or unreadable input is bad input (exit 2), not a failure while running */
        int e = errno;
        return fail(diag, e == ENOENT || e == EACCES || e == EISDIR ? SC_ENOTFOUND : SC_EIO, path,
                    "cannot open", strerror(e));
    }
    struct stat st;
    if (!is_stdin && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        /* fopen opens a directory for reading; reading it fails later with EISDIR */
        fclose(fp);
        return fail(diag, SC_EINVAL, path, "is a directory, not a file",
                    "name a file in it");
    }
    sc_status rc = SC_OK;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        rc = SC_ENOMEM;
        goto cleanup;
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (cap - 1 > max_bytes) { /* not max_bytes + 1: SIZE_MAX would wrap */
                break;
            }
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                rc = SC_ENOMEM;
                goto cleanup;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0) {
            break;
        }
        if (n > max_bytes) {
            break;
        }
    }
    if (ferror(fp)) {
        rc = fail(diag, SC_EIO, path, "read error", strerror(errno));
        goto cleanup;
    }
    if (n > max_bytes) {
        char what[80];
        snprintf(what, sizeof what, "file is larger than the limit of %zu bytes", max_bytes);
        rc = fail(diag, SC_ELIMIT, path, what, NULL);
        goto cleanup;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
cleanup:
    free(buf);
    if (!is_stdin) {
        fclose(fp);
    }
    if (rc == SC_ENOMEM) {
        fail(diag, rc, path, "out of memory reading the file", NULL);
    }
    return rc;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* Writes all n bytes to fd (partial writes and EINTR resumed); 0, or -1 with errno. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n > ((size_t)1 << 30) ? ((size_t)1 << 30) : n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/*
 * The signals whose default action ends the process, held back while a named temporary file
 * exists (at most two system calls with O_TMPFILE; the whole write without it), so that the
 * process ends only after the file is renamed or removed.
 */
static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGXCPU);
    sigaddset(&set, SIGXFSZ);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/*
 * Writes into something that is not a regular file (a terminal, a pipe or FIFO, a device such as
 * /dev/null or /dev/full, an inherited descriptor): there is nothing to replace atomically, so
 * the bytes go in as they would with a shell redirection, and every write error is reported.
 * SIGPIPE is held back so that a reader going away is an error ("Broken pipe"), not a silent end.
 */
static sc_status write_into(int fd, const char *shown, const void *data, size_t len, sc_diag *diag)
{
    sigset_t pipe_set, old;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    int rc = write_all(fd, data, len);
    int e = errno;
    if (rc != 0 && e == EPIPE) {
        /* consume the SIGPIPE this write raised, if it is pending, before unblocking */
        struct timespec zero = {0, 0};
        while (sigtimedwait(&pipe_set, NULL, &zero) > 0) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        return fail(diag, SC_EIO, shown, "cannot write", strerror(e));
    }
    return SC_OK;
}

/* The descriptor a path names directly (/dev/stdout, /dev/fd/N, /proc/self/fd/N), or -1. */
static int fd_path(const char *p)
{
    if (strcmp(p, "/dev/stdout") == 0) {
        return 1;
    }
    if (strcmp(p, "/dev/stderr") == 0) {
        return 2;
    }
    const char *num = NULL;
    if (strncmp(p, "/dev/fd/", 8) == 0) {
        num = p + 8;
    } else if (strncmp(p, "/proc/self/fd/", 14) == 0) {
        num = p + 14;
    }
    if (!num || *num < '0' || *num > '9') {
        return -1;
    }
    char *end = NULL;
    long v = strtol(num, &end, 10);
    return *end == '\0' && v >= 0 && v <= 1 << 20 ? (int)v : -1;
}

/* Splits path into a malloc'd directory ("." if none) and a pointer to its last component. */
static char *dir_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *base = path;
        char *d = malloc(2);
        if (d) {
            strcpy(d, ".");
        }
        return d;
    }
    *base = slash + 1;
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

/* A fresh temporary name in a directory: short, so that any target name (up to NAME_MAX) works. */
static void temp_name(char *buf, size_t n, unsigned attempt)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    unsigned long mix = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^
                        (attempt * 2654435761u);
    snprintf(buf, n, ".sc-tmp-%lx", mix & 0xffffffffffUL);
}

/* Gives the unnamed file fd a name in dfd, with the signals held back; see replace_file. */
enum { NAMED_OK, NAMED_CANNOT, NAMED_ERROR };

static int name_unnamed(int fd, int dfd, const char *base, int existing, int *err)
{
    char proc[64], tmp[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (!existing) {
        /* a new file: the unnamed one takes the target's name directly, nothing in between */
        if (linkat(AT_FDCWD, proc, dfd, base, AT_SYMLINK_FOLLOW) == 0) {
            return NAMED_OK;
        }
#ifdef AT_EMPTY_PATH
        if (errno == ENOENT && linkat(fd, "", dfd, base, AT_EMPTY_PATH) == 0) {
            return NAMED_OK; /* no /proc: the form root may use (CAP_DAC_READ_SEARCH) */
        }
#endif
        if (errno != EEXIST && errno != ENOENT && errno != EPERM) {
            *err = errno;
            return NAMED_ERROR;
        }
        if (errno != EEXIST) {
            return NAMED_CANNOT;
        }
        /* created meanwhile by someone else: replace it like an existing file */
    }
    /* an existing file: a temporary name, then rename over the target (atomic) */
    for (unsigned attempt = 0; attempt < 100; attempt++) {
        temp_name(tmp, sizeof tmp, attempt);
        int ok = linkat(AT_FDCWD, proc, dfd, tmp, AT_SYMLINK_FOLLOW) == 0;
#ifdef AT_EMPTY_PATH
        if (!ok && errno == ENOENT) {
            ok = linkat(fd, "", dfd, tmp, AT_EMPTY_PATH) == 0;
        }
#endif
        if (ok) {
            if (renameat(dfd, tmp, dfd, base) == 0) {
                return NAMED_OK;
            }
            *err = errno;
            unlinkat(dfd, tmp, 0);
            return NAMED_ERROR;
        }
        if (errno == ENOENT || errno == EPERM) {
            return NAMED_CANNOT;
        }
        if (errno != EEXIST) {
            *err = errno;
            return NAMED_ERROR;
        }
    }
    *err = EEXIST;
    return NAMED_ERROR;
}

/*
 * Replaces (or creates) the regular file `base` in directory dfd with the data, atomically: a
 * reader sees the old content or the new one, never a part. The data goes into an unnamed file
 * (Linux O_TMPFILE), so a kill at any moment of the write leaves nothing behind; the file gets
 * its name with linkat (a new file: directly under the target's name) or linkat to a temporary
 * name and rename (an existing file: two system calls, with the terminating signals held back
 * between them). Without O_TMPFILE (other systems, some file systems) or a way to name an
 * unnamed file (no /proc and no privilege), the data goes into a named temporary file with those
 * signals held back for the whole write, removed on failure. `existing` is the target's stat
 * (its mode and owner are kept) or NULL for a new file.
 */
static sc_status replace_file(int dfd, const char *base, const char *shown,
                              const struct stat *existing, const void *data, size_t len,
                              sc_diag *diag)
{
    mode_t mode;
    if (existing) {
        mode = existing->st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    sigset_t old;
    int e = 0;
#ifdef O_TMPFILE
    int fd = openat(dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
        int named = NAMED_ERROR;
        if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
            e = errno;
        } else {
            if (existing && fchown(fd, existing->st_uid, existing->st_gid) != 0) {
                /* not the owner: the file becomes ours, as with any editor's save */
            }
            (void)fchmod(fd, mode);
            block_signals(&old);
            named = name_unnamed(fd, dfd, base, existing != NULL, &e);
            restore_signals(&old);
        }
        if (close(fd) != 0 && named == NAMED_OK) {
            e = errno;
            named = NAMED_ERROR;
        }
        if (named == NAMED_OK) {
            (void)fsync(dfd); /* the new name, durably */
            return SC_OK;
        }
        if (named == NAMED_ERROR) {
            return fail(diag, SC_EIO, shown, "cannot write", strerror(e));
        }
        /* NAMED_CANNOT: go on with a named temporary file */
    }
#endif
    char tmp[64] = "";
    block_signals(&old);
    int tfd = -1;
    for (unsigned attempt = 0; tfd < 0 && attempt < 100; attempt++) {
        temp_name(tmp, sizeof tmp, attempt);
        tfd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (tfd < 0 && errno != EEXIST) {
            break;
        }
    }
    if (tfd < 0) {
        e = errno;
        restore_signals(&old);
        return fail(diag, SC_EIO, shown, "cannot create a temporary file", strerror(e));
    }
    int ok = write_all(tfd, data, len) == 0 && fsync(tfd) == 0;
    e = errno;
    if (ok) {
        if (existing && fchown(tfd, existing->st_uid, existing->st_gid) != 0) {
            /* as above */
        }
        (void)fchmod(tfd, mode);
    }
    if (close(tfd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (ok && renameat(dfd, tmp, dfd, base) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        unlinkat(dfd, tmp, 0);
    } else {
        (void)fsync(dfd);
    }
    restore_signals(&old);
    return ok ? SC_OK : fail(diag, SC_EIO, shown, "cannot write", strerror(e));
}

sc_status scx_file_write_atomic(const char *path, const void *data, size_t len, sc_diag *diag)
{
    if (strcmp(path, "-") == 0) {
        fflush(stdout);
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            return fail(diag, SC_EIO, NULL, "cannot write to standard output", strerror(errno));
        }
        return SC_OK;
    }
    if (!*path) {
        return fail(diag, SC_EINVAL, NULL, "the output name is empty", NULL);
    }
    /*
     * Follow the symbolic links ourselves, so that the file written is the link's target (the
     * link stays), even when the target does not exist yet (a dangling link creates it).
     */
    char *cur = malloc(strlen(path) + 1);
    if (!cur) {
        return fail(diag, SC_ENOMEM, path, "out of memory", NULL);
    }
    strcpy(cur, path);
    sc_status rc = SC_OK;
    for (int hops = 0;; hops++) {
        int fd = fd_path(cur);
        if (fd >= 0) {
            /* a descriptor by name (-o /dev/stdout): write into it, like a redirection would */
            if (fd <= 2) {
                fflush(fd == 1 ? stdout : stderr);
            }
            rc = write_into(fd, path, data, len, diag);
            break;
        }
        if (hops >= 40) {
            rc = fail(diag, SC_EINVAL, path, "cannot write", strerror(ELOOP));
            break;
        }
        struct stat st;
        int exists = lstat(cur, &st) == 0;
        if (!exists && errno != ENOENT) {
            rc = fail(diag, SC_EIO, path, "cannot write", strerror(errno));
            break;
        }
        if (exists && S_ISLNK(st.st_mode)) {
            size_t cap = (size_t)(st.st_size > 0 ? st.st_size : 255) + 1;
            char *link = malloc(cap);
            ssize_t n = link ? readlink(cur, link, cap) : -1;
            if (n < 0 || (size_t)n >= cap) {
                free(link);
                rc = fail(diag, SC_EIO, path, "cannot read the symbolic link", strerror(errno));
                break;
            }
            link[n] = '\0';
            const char *base;
            char *dir = link[0] == '/' ? NULL : dir_of(cur, &base);
            size_t need = (dir ? strlen(dir) + 1 : 0) + (size_t)n + 1;
            char *next = (link[0] == '/' || dir) ? malloc(need) : NULL;
            if (!next) {
                free(link);
                free(dir);
                rc = fail(diag, SC_ENOMEM, path, "out of memory", NULL);
                break;
            }
            snprintf(next, need, "%s%s%s", dir ? dir : "", dir ? "/" : "", link);
            free(link);
            free(dir);
            free(cur);
            cur = next;
            continue;
        }
        if (exists && S_ISDIR(st.st_mode)) {
            rc = fail(diag, SC_EINVAL, path, "cannot write: it is a directory", NULL);
            break;
        }
        if (exists && !S_ISREG(st.st_mode)) {
            /* a device, FIFO or socket: written into, never replaced */
            int ofd = open(cur, O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (ofd < 0) {
                rc = fail(diag, errno == ENXIO ? SC_EINVAL : SC_EIO, path, "cannot open",
                          strerror(errno));
                break;
            }
            rc = write_into(ofd, path, data, len, diag);
            if (close(ofd) != 0 && rc == SC_OK) {
                rc = fail(diag, SC_EIO, path, "cannot write", strerror(errno));
            }
            break;
        }
        /* a regular file, or nothing yet: replaced or created atomically in its directory */
        const char *base;
        char *dir = dir_of(cur, &base);
        if (!dir) {
            rc = fail(diag, SC_ENOMEM, path, "out of memory", NULL);
            break;
        }
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0) {
            /* a missing directory is the caller's mistake (bad input), a failing disk is not */
            int e = errno;
            rc = e == ENOENT || e == ENOTDIR
                     ? fail(diag, SC_EINVAL, path, "cannot write: its directory does not exist",
                            NULL)
                     : fail(diag, SC_EIO, path, "cannot write into the directory", strerror(e));
        } else {
            rc = replace_file(dfd, base, path, exists ? &st : NULL, data, len, diag);
            close(dfd);
        }
        free(dir);
        break;
    }
    free(cur);
    return rc;
}
