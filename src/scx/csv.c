/* SPDX-License-Identifier: MIT */
/* CSV fields quoted by libcsv's writer, for every CSV statecraft writes. */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "scx/scx.h"

void scx_csv_field(scx_buf *b, const char *s)
{
    size_t n = strlen(s);
    /* RFC 4180: a field is quoted when it holds a delimiter, a quote or a line break; spaces at
     * either end are quoted too, since some readers trim them */
    if (n == 0 || (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && s[n - 1] != ' ')) {
        scx_buf_append(b, s, n);
        return;
    }
    size_t need = csv_write(NULL, 0, s, n); /* the quoted length */
    char *q = malloc(need ? need : 1);
    if (!q) {
        b->error = b->error ? b->error : SC_ENOMEM;
        return;
    }
    csv_write(q, need, s, n);
    scx_buf_append(b, q, need);
    free(q);
}
