/* SPDX-License-Identifier: MIT */
/* scx: whole-file reading and atomic writing (compiled into both the library and the CLI). */
#define _POSIX_C_SOURCE 200809L
#include "scx/scx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

sc_status scx_file_write_atomic(const char *path, const void *data, size_t len, sc_diag *diag)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            return fail(diag, SC_EIO, NULL, "cannot write to standard output", strerror(errno));
        }
        return SC_OK;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) {
        return fail(diag, SC_ENOMEM, path, "out of memory", NULL);
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    sc_status rc = SC_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        /* a missing directory is the caller's mistake (bad input), a full disk is not */
        int e = errno;
        rc = fail(diag, e == ENOENT || e == ENOTDIR ? SC_EINVAL : SC_EIO, path,
                  e == ENOENT || e == ENOTDIR ? "cannot write: its directory does not exist"
                                              : "cannot create a temporary file",
                  e == ENOENT || e == ENOTDIR ? NULL : strerror(e));
        free(tmp);
        return rc;
    }
    /*
     * mkstemp creates the file 0600; give the result the mode a plain fopen would (the umask's
     * 0666), or the mode of the file being replaced.
     */
    struct stat old;
    mode_t mode;
    if (stat(path, &old) == 0) {
        mode = old.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    (void)fchmod(fd, mode);
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        close(fd);
        rc = SC_EIO;
    } else {
        if (fwrite(data, 1, len, fp) != len || fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
            rc = SC_EIO;
        }
        if (fclose(fp) != 0) {
            rc = SC_EIO;
        }
    }
    if (rc == SC_OK && rename(tmp, path) != 0) {
        rc = errno == EISDIR ? SC_EINVAL : SC_EIO;
    }
    if (rc != SC_OK) {
        int e = errno;
        remove(tmp);
        fail(diag, rc, path, e == EISDIR ? "cannot write: it is a directory" : "cannot write",
             e == EISDIR ? NULL : strerror(e));
    }
    free(tmp);
    return rc;
}
