/* SPDX-License-Identifier: MIT */
/** @file diag.h
 * Diagnostics, the caller-owned record of what went wrong and where. */
#ifndef STATECRAFT_DIAG_H
#define STATECRAFT_DIAG_H

#include <stdio.h>

#include "statecraft/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SC_DIAG_MESSAGE_MAX 512 /**< size of sc_diag::message, terminator included */
#define SC_DIAG_FILE_MAX 256    /**< size of sc_diag::file, terminator included */
#define SC_DIAG_LINE_MAX 256    /**< size of sc_diag::source_line, terminator included */

/**
 * Filled by a failing library call. line and column are 1-based (column counts UTF-8 code points,
 * as editors do); both are 0 when the error has no location in an input file. source_line holds
 * the offending input line (truncated to SC_DIAG_LINE_MAX - 1 bytes) so the caller can show it
 * with a caret without keeping the input around.
 */
typedef struct sc_diag {
    sc_status code;                     /**< what kind of failure (SC_OK: none) */
    char message[SC_DIAG_MESSAGE_MAX];  /**< what went wrong, in English, without the location */
    char file[SC_DIAG_FILE_MAX];        /**< the input file at fault, or "" */
    size_t offset;                      /**< byte offset in the input */
    int line;                           /**< 1-based line in `file`, 0 if unlocated */
    int column;                         /**< 1-based column in code points, 0 if unlocated */
    char source_line[SC_DIAG_LINE_MAX]; /**< the offending line of the input, or "" */
    int caret_width; /**< how many characters to underline (at least 1 when located) */
} sc_diag;

/** Clears a diag to "no error". */
SC_API void sc_diag_init(sc_diag *diag);

/**
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
