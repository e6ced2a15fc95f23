/* SPDX-License-Identifier: MIT */
/* File reading, atomic writing and the growable text buffer. */
#define _POSIX_C_SOURCE 200809L
#include "statecraft/io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag_internal.h"

sc_status sc_file_read(const char *path, size_t max_bytes, char **out, size_t *len, sc_diag *diag)
{
    *out = NULL;
    *len = 0;
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp) {
        /* a missing or unreadable input is bad input (exit 2), not a failure while running */
        int e = errno;
        sc__diag_set_file(diag, path);
        return sc__diag_set(diag, e == ENOENT || e == EACCES || e == EISDIR ? SC_ENOTFOUND : SC_EIO,
                            "cannot open: %s", strerror(e));
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
        sc__diag_set_file(diag, path);
        rc = sc__diag_set(diag, SC_EIO, "read error: %s", strerror(errno));
        goto cleanup;
    }
    if (n > max_bytes) {
        sc__diag_set_file(diag, path);
        rc = sc__diag_set(diag, SC_ELIMIT, "file is larger than the limit of %zu bytes", max_bytes);
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
        sc__diag_set(diag, rc, "out of memory reading %s", path);
    }
    return rc;
}

sc_status sc_file_write_atomic(const char *path, const void *data, size_t len, sc_diag *diag)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            return sc__diag_set(diag, SC_EIO, "cannot write to standard output: %s",
                                strerror(errno));
        }
        return SC_OK;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", 12);
    sc_status rc = SC_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        sc__diag_set_file(diag, path);
        rc = sc__diag_set(diag, SC_EIO, "cannot create a temporary file: %s", strerror(errno));
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
        rc = SC_EIO;
    }
    if (rc != SC_OK) {
        int e = errno;
        remove(tmp);
        sc__diag_set_file(diag, path);
        sc__diag_set(diag, rc, "cannot write: %s", strerror(e));
    }
    free(tmp);
    return rc;
}

#define SC_BUF_CAP_MAX ((size_t)1 << 30)

void sc_buf_init(sc_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->error = SC_OK;
}

void sc_buf_destroy(sc_buf *b)
{
    free(b->data);
    sc_buf_init(b);
}

/* Makes room for `extra` more bytes plus the terminator; sets the sticky error on failure. */
static int reserve(sc_buf *b, size_t extra)
{
    if (b->error) {
        return 0;
    }
    if (extra > SC_BUF_CAP_MAX - b->len - 1) {
        b->error = SC_ELIMIT;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap) {
        return 1;
    }
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < need) {
        ncap *= 2;
    }
    char *nd = realloc(b->data, ncap);
    if (!nd) {
        b->error = SC_ENOMEM;
        return 0;
    }
    b->data = nd;
    b->cap = ncap;
    return 1;
}

void sc_buf_append(sc_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n)) {
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sc_buf_puts(sc_buf *b, const char *s)
{
    sc_buf_append(b, s, strlen(s));
}

void sc_buf_printf(sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        b->error = b->error ? b->error : SC_EINVAL;
        return;
    }
    if (reserve(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}
