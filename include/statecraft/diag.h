/* SPDX-License-Identifier: MIT */
/* statecraft: diagnostics, the caller-owned record of what went wrong and where. */
#ifndef STATECRAFT_DIAG_H
#define STATECRAFT_DIAG_H

#include <stdio.h>

#include "statecraft/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SC_DIAG_MESSAGE_MAX 512
#define SC_DIAG_FILE_MAX 256
#define SC_DIAG_LINE_MAX 256

/*
 * Filled by a failing library call. line and column are 1-based (column counts UTF-8 code points,
 * as editors do); both are 0 when the error has no location in an input file. source_line holds
 * the offending input line (truncated to SC_DIAG_LINE_MAX - 1 bytes) so the caller can show it
 * with a caret without keeping the input around.
 */
typedef struct sc_diag {
    sc_status code;
    char message[SC_DIAG_MESSAGE_MAX];
    char file[SC_DIAG_FILE_MAX];
    size_t offset;  /* byte offset in the input */
    int line;
    int column;
    char source_line[SC_DIAG_LINE_MAX];
    int caret_width; /* how many characters to underline (at least 1 when located) */
} sc_diag;

/* Clears a diag to "no error". */
SC_API void sc_diag_init(sc_diag *diag);

/*
 * Writes the diag in the compiler format followed by the source line and a caret:
 *   FILE:LINE:COL: error: MESSAGE
 *     12 |   capability: high
 *        |               ^~~~
 * Unlocated diags print "statecraft: error: MESSAGE" (or "FILE: error: MESSAGE" with a file).
 */
SC_API void sc_diag_print(const sc_diag *diag, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
