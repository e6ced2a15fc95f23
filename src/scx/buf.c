/* SPDX-License-Identifier: MIT */
/* scx: the growable text buffer (one of the helpers compiled into both the library and the CLI). */
#include "scx/scx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCX_BUF_CAP_MAX ((size_t)1 << 30)

void scx_buf_init(scx_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->error = SC_OK;
}

void scx_buf_destroy(scx_buf *b)
{
    free(b->data);
    scx_buf_init(b);
}

/* Makes room for `extra` more bytes plus the terminator; sets the sticky error on failure. */
static int reserve(scx_buf *b, size_t extra)
{
    if (b->error) {
        return 0;
    }
    if (extra > SCX_BUF_CAP_MAX - b->len - 1) {
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

void scx_buf_append(scx_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n)) {
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void scx_buf_puts(scx_buf *b, const char *s)
{
    scx_buf_append(b, s, strlen(s));
}

void scx_buf_printf(scx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = scx_vsnprintf_c(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        b->error = b->error ? b->error : SC_EINVAL;
        return;
    }
    if (reserve(b, (size_t)n)) {
        scx_vsnprintf_c(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

sc_status scx_buf_take(scx_buf *b, char **out, size_t *len, sc_diag *diag)
{
    *out = NULL;
    if (len) {
        *len = 0;
    }
    sc_status rc = b->error;
    if (rc == SC_OK && !b->data) {
        /* an empty report is "", not NULL */
        if (reserve(b, 0)) {
            b->data[0] = '\0';
        }
        rc = b->error;
    }
    if (rc != SC_OK) {
        scx_buf_destroy(b);
        if (diag) {
            sc_diag_init(diag);
            diag->code = rc;
            snprintf(diag->message, sizeof diag->message, "%s",
                     rc == SC_ELIMIT ? "output larger than 1 GiB"
                                     : "out of memory building output");
        }
        return rc;
    }
    *out = b->data;
    if (len) {
        *len = b->len;
    }
    scx_buf_init(b);
    return SC_OK;
}
