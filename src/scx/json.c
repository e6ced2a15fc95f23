/* SPDX-License-Identifier: MIT */
/* scx: JSON string literals, for the JSON the CLI builds as text (one escaper for all of it). */
#include "scx/scx.h"

void scx_json_string(scx_buf *b, const char *s)
{
    if (!s) {
        scx_buf_puts(b, "null");
        return;
    }
    scx_buf_puts(b, "\"");
    const char *run = s; /* the bytes since the last escape, appended in one piece */
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\' || *c < 0x20) {
            scx_buf_append(b, run, (size_t)((const char *)c - run));
            if (*c < 0x20) {
                scx_buf_printf(b, "\\u%04x", *c);
            } else {
                scx_buf_printf(b, "\\%c", *c);
            }
            run = (const char *)c + 1;
        }
    }
    scx_buf_puts(b, run);
    scx_buf_puts(b, "\"");
}
