/* SPDX-License-Identifier: MIT */
/*
 * A preload shim for test_output_fallback: openat with O_TMPFILE fails with EOPNOTSUPP, as on a
 * file system without unnamed temporary files, so scx_file_write_atomic takes its fallback (a
 * named temporary file renamed over the target), which no other test reaches on Linux.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>

static int forward(const char *name, int dfd, const char *path, int flags, mode_t mode)
{
    int (*real)(int, const char *, int, ...) = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, name);
    if (!real) {
        errno = ENOSYS;
        return -1;
    }
    return real(dfd, path, flags, mode);
}

static int tmpfile_flags(int flags)
{
    return (flags & O_TMPFILE) == O_TMPFILE;
}

int openat(int dfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (tmpfile_flags(flags)) {
        errno = EOPNOTSUPP;
        return -1;
    }
    return forward("openat", dfd, path, flags, mode);
}

int openat64(int dfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    if (tmpfile_flags(flags)) {
        errno = EOPNOTSUPP;
        return -1;
    }
    return forward("openat64", dfd, path, flags, mode);
}
