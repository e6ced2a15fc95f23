/* SPDX-License-Identifier: MIT */
/*
 * The one rule for every text input statecraft reads (YAML scenarios, BDM, KTAB and landscape
 * CSV tables): well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), no NUL and no control characters other than tab, line feed and carriage return. A
 * UTF-8 byte order mark at the start is allowed. What passes can be copied into JSON as is.
 */
#ifndef SC_CORE_TEXT_H
#define SC_CORE_TEXT_H

#include <stddef.h>

#include "statecraft/diag.h"

/*
 * Checks len bytes of text; on the first offending byte sets a located SC_EPARSE error in diag
 * (file names the input) and returns it, else SC_OK.
 */
sc_status sc__text_check(const char *file, const char *text, size_t len, sc_diag *diag);

/* Length of the well-formed UTF-8 sequence starting at s (at most n bytes), or 0 if none. */
size_t sc__utf8_sequence(const unsigned char *s, size_t n);

#endif
