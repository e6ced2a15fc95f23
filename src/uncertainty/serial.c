/* SPDX-License-Identifier: MIT */
/* Native-order serialisation helpers for checkpoints and messages between processes. */
#include <stdlib.h>
#include <string.h>

#include "uncertainty/uncertainty_internal.h"

void sc__put_u64(scx_buf *b, uint64_t v)
{
    scx_buf_append(b, (const char *)&v, sizeof v);
}

void sc__put_f64(scx_buf *b, double v)
{
    scx_buf_append(b, (const char *)&v, sizeof v);
}

void sc__put_str(scx_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    sc__put_u64(b, n);
    scx_buf_append(b, s ? s : "", n);
}

static int take(sc__reader *r, void *dst, size_t n)
{
    if (r->bad || r->left < n) {
        r->bad = 1;
        memset(dst, 0, n);
        return 0;
    }
    memcpy(dst, r->p, n);
    r->p += n;
    r->left -= n;
    return 1;
}

uint64_t sc__get_u64(sc__reader *r)
{
    uint64_t v;
    take(r, &v, sizeof v);
    return v;
}

double sc__get_f64(sc__reader *r)
{
    double v;
    take(r, &v, sizeof v);
    return v;
}

char *sc__get_str(sc__reader *r)
{
    uint64_t n = sc__get_u64(r);
    if (r->bad || n > r->left) {
        r->bad = 1;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        r->bad = 1;
        return NULL;
    }
    take(r, s, (size_t)n);
    s[n] = '\0';
    return s;
}
