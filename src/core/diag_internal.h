/* SPDX-License-Identifier: MIT */
/* Internal helpers for raising diagnostics; every library error goes through these. */
#ifndef SC_CORE_DIAG_INTERNAL_H
#define SC_CORE_DIAG_INTERNAL_H

#include <stdarg.h>

#include "statecraft/diag.h"

#if defined(__GNUC__) || defined(__clang__)
#define SC__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SC__PRINTF(f, a)
#endif

/* Sets an unlocated error. diag may be NULL. Returns code, so `return sc__diag_set(...)` works. */
sc_status sc__diag_set(sc_diag *diag, sc_status code, const char *fmt, ...) SC__PRINTF(3, 4);

/*
 * Sets an error located at byte `offset` of `text` (len bytes, the whole input), computing the
 * 1-based line and the column in code points and copying the line. `width` is how many code
 * points to underline (minimum 1). file may be NULL.
 */
sc_status sc__diag_set_at(sc_diag *diag, sc_status code, const char *file, const char *text,
                          size_t len, size_t offset, int width, const char *fmt, ...)
    SC__PRINTF(8, 9);
sc_status sc__diag_vset_at(sc_diag *diag, sc_status code, const char *file, const char *text,
                           size_t len, size_t offset, int width, const char *fmt, va_list ap)
    SC__PRINTF(8, 0);

/* Sets only the file name of an already filled diag (for errors found after parsing). */
void sc__diag_set_file(sc_diag *diag, const char *file);

/*
 * The candidate closest to `word` by edit distance, if it is close enough to be a plausible
 * typo (distance <= 2 and less than half the word), else NULL.
 */
const char *sc__suggest(const char *word, const char *const *candidates, size_t n);

#endif
