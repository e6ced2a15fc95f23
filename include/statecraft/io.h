/* SPDX-License-Identifier: MIT */
/* statecraft: file helpers shared by the CLI and library users. */
#ifndef STATECRAFT_IO_H
#define STATECRAFT_IO_H

#include "statecraft/common.h"
#include "statecraft/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Reads a whole file (or standard input for "-") into a new NUL-terminated buffer the caller
 * frees with sc_free. Refuses files over max_bytes with SC_ELIMIT.
 */
SC_API sc_status sc_file_read(const char *path, size_t max_bytes, char **out, size_t *len,
                              sc_diag *diag);

/*
 * Writes len bytes to path atomically: into a temporary file in the same directory, flushed,
 * then renamed over path. On failure path is untouched and the temporary file is removed.
 * path "-" writes to standard output.
 */
SC_API sc_status sc_file_write_atomic(const char *path, const void *data, size_t len, sc_diag *diag);

/*
 * A growable text buffer for building reports. Fields are private. Always NUL-terminated.
 * Growth beyond cap_max (default 1 GiB) fails with SC_ELIMIT.
 */
typedef struct sc_buf {
    char *data;
    size_t len;
    size_t cap;
    sc_status error; /* sticky: the first failure; later appends are ignored */
} sc_buf;

SC_API void sc_buf_init(sc_buf *b);
SC_API void sc_buf_destroy(sc_buf *b);
SC_API void sc_buf_append(sc_buf *b, const char *s, size_t n);
SC_API void sc_buf_puts(sc_buf *b, const char *s);
SC_API void sc_buf_printf(sc_buf *b, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#ifdef __cplusplus
}
#endif
#endif
